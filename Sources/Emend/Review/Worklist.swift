/// What a proofreader should still look at in a text emend has cleaned, most
/// frequent first. Built from the output lines and the stages' changes; it
/// only lists, never changes.
package struct Worklist {
    public enum Kind: String, Sendable, CaseIterable {
        /// A word in no lexicon that one OCR confusion away is a known word:
        /// the repair was not certain (several candidates, or not common enough).
        case probableGarble = "probable-garble"
        /// A word broken at a line end that hyphenation repair left undecided.
        case brokenWord = "broken-word"
        /// A word in no lexicon, and used less often than the document's own vocabulary.
        case unknownWord = "unknown-word"
        /// A word that looks Russian but that neither the name lexicon nor the
        /// Russian word list confirms: its transliteration cannot be checked.
        case unconfirmedRussian = "unconfirmed-russian"
        /// One Russian word spelled in two schemes in the same file (Yezhov / Ezhov).
        case mixedSchemes = "mixed-schemes"
        /// A mark glued to a word's end that may be a footnote reference OCR
        /// read as punctuation (`grammar.’` over footnote 2 of the same page;
        /// `FootnoteReferenceSuspects`).
        case footnoteReference = "footnote-reference"
    }

    public struct Item: Sendable, Equatable {
        public var kind: Kind
        public var text: String
        public var count: Int
        /// The first input place it is at: 1-based line, and 1-based column in
        /// Unicode characters, as `--report` and `--explain` give places (0 when
        /// the list was made without the audited text).
        public var line: Int
        public var column: Int
        /// What might be meant, or how the spellings split.
        public var note: String
    }

    private let garbles: GarbleRepair
    private let spellings: RussianSpellings
    private let english: EnglishWordList
    private let vocabulary: DocumentVocabulary
    private let minimumCount: Int
    /// Each word's count, and the output line number and byte offset where it is first.
    private var words: [String: (count: Int, line: Int, offset: Int)] = [:]
    private var broken: [String: (count: Int, line: Int)] = [:]
    private var footnoteSuspects: [FootnoteReferenceSuspects.Suspect] = []
    /// The output byte offset of the next output line.
    private var outputOffset: Int

    /// - Parameters:
    ///   - garbles: the garble stage whose look-alike rules name probable garbles.
    ///   - vocabulary: words known from other texts (`emend learn`); they are not unknown.
    ///   - minimumCount: a word used this often in the text is its vocabulary, not unknown.
    ///   - outputStart: where the first output line starts in the output (3 after a byte order mark).
    public init(garbles: GarbleRepair, spellings: RussianSpellings, english: EnglishWordList = .builtIn,
                vocabulary: DocumentVocabulary = DocumentVocabulary(), minimumCount: Int = 3, outputStart: Int = 0) {
        self.outputOffset = outputStart
        self.garbles = garbles
        self.spellings = spellings
        self.english = english
        self.vocabulary = vocabulary
        self.minimumCount = minimumCount
    }

    /// Counts the words of output lines.
    public mutating func add(_ lines: [Line]) {
        let scanner = WordScanner(script: .latin)
        for line in lines {
            for range in scanner.words(in: line.bytes) {
                let word = String(decoding: line.bytes[range], as: UTF8.self)
                words[word, default: (0, line.number, outputOffset + range.lowerBound)].count += 1
            }
            outputOffset += line.bytes.count + line.ending.bytes.count
        }
    }

    /// Notes the line-end breaks a stage left undecided.
    public mutating func add(_ change: Change) {
        guard change.kind == .joined, change.before == change.after, change.rule.hasPrefix("dehyphenate:leave") else { return }
        broken[change.before, default: (0, change.line)].count += 1
    }

    /// Notes the marks of the input that may be footnote references read as punctuation.
    public mutating func addFootnoteSuspects(of input: [UInt8]) {
        footnoteSuspects += FootnoteReferenceSuspects.find(in: input)
    }

    /// English suffixes on an English word or a known name: "Trotskyists",
    /// "Stalinists", "oppositionists" are English words made from them.
    private func isEnglishDerivative(_ word: String) throws -> Bool {
        for suffix in ["ists", "ist", "isms", "ism", "ites", "ite", "ian", "ians", "ial", "s"] where word.hasSuffix(suffix) {
            let base = String(word.dropLast(suffix.count))
            for candidate in [base, base + "e", base.hasSuffix("y") ? base : base + "y"] where candidate.count >= 3 {
                if english.contains(Array(candidate.utf8)[...]) { return true }
                if try spellings.reading(of: candidate) != nil { return true }
            }
        }
        return false
    }

    /// The items, most frequent first (then by kind and text).
    /// - Parameter text: the run's input, output and audit, which locate each
    ///   item in the input; without it, items have their line and column 0.
    public func items(locatedIn text: AuditedText? = nil) throws -> [Item] {
        var items: [Item] = broken.map { word, seen in
            Item(kind: .brokenWord, text: word, count: seen.count, line: seen.line,
                 column: text.map { Self.column(ofBreak: word, onLine: seen.line, in: $0) } ?? 0, note: "")
        }
        for suspect in footnoteSuspects {
            let at = text?.place(ofInput: suspect.offset) ?? (line: suspect.line, column: 0)
            let numbers = suspect.numbers.map(String.init)
            let note = "footnote " + (numbers.count == 1 ? numbers[0] : numbers.dropLast().joined(separator: ", ") + " or " + numbers.last!) + "?"
            items.append(Item(kind: .footnoteReference, text: suspect.text, count: 1, line: at.line, column: at.column, note: note))
        }
        /// A word's place: its first output place, read back into the input.
        func place(_ line: Int, _ offset: Int) -> (line: Int, column: Int) {
            guard let text else { return (line, 0) }
            return text.place(ofInput: text.inputOffset(ofOutput: offset))
        }
        var russian: [String: [(word: String, count: Int, line: Int, offset: Int, target: String)]] = [:]
        // Case is not spelling: the same word's case forms count together.
        var byLowercase: [String: (count: Int, line: Int, offset: Int, forms: [String: Int])] = [:]
        for (word, seen) in words {
            let stem = RussianSpellings.stem(word)
            var entry = byLowercase[stem.lowercased(), default: (0, seen.line, seen.offset, [:])]
            entry.count += seen.count
            if seen.offset < entry.offset { entry.line = seen.line; entry.offset = seen.offset }
            entry.forms[stem, default: 0] += seen.count
            byLowercase[stem.lowercased()] = entry
        }
        for (_, seen) in byLowercase {
            let stem = seen.forms.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key
            let letters = stem.unicodeScalars.filter { $0.properties.isAlphabetic }.count
            let capitals = stem.unicodeScalars.filter { $0.properties.isUppercase }.count
            guard letters >= 3, letters == stem.unicodeScalars.filter({ $0 != "'" && $0 != "’" && $0 != "-" }).count else { continue }
            let bytes = Array(stem.utf8)
            if english.contains(bytes[...]) || vocabulary.count(of: bytes[...]) > 0 { continue }
            if let reading = try spellings.reading(of: stem) {
                russian[reading.cyrillic, default: []].append((stem, seen.count, seen.line, seen.offset, reading.target))
                continue
            }
            if spellings.looksRussianButUnconfirmed(stem), try !isEnglishDerivative(stem) {
                let at = place(seen.line, seen.offset)
                items.append(Item(kind: .unconfirmedRussian, text: stem, count: seen.count, line: at.line, column: at.column, note: ""))
                continue
            }
            guard capitals < 2 || capitals < letters / 2 else { continue }  // acronyms and headings: not words to spell-check
            let candidates = garbles.lookAlikeCandidates(for: bytes)
            let at = place(seen.line, seen.offset)
            if !candidates.isEmpty {
                items.append(Item(kind: .probableGarble, text: stem, count: seen.count, line: at.line, column: at.column,
                                  note: candidates.joined(separator: " / ")))
            } else if seen.count < minimumCount {
                items.append(Item(kind: .unknownWord, text: stem, count: seen.count, line: at.line, column: at.column, note: ""))
            }
        }
        for (_, forms) in russian where forms.count > 1 {
            let sorted = forms.sorted { ($0.count, $1.word) > ($1.count, $0.word) }
            let first = forms.min { $0.offset < $1.offset }!
            let at = place(first.line, first.offset)
            items.append(Item(kind: .mixedSchemes, text: sorted.map { "\($0.word) \($0.count)" }.joined(separator: " / "),
                              count: forms.reduce(0) { $0 + $1.count }, line: at.line, column: at.column,
                              note: "\(spellings.target): \(sorted[0].target)"))
        }
        let order = Dictionary(uniqueKeysWithValues: Kind.allCases.enumerated().map { ($1, $0) })
        // Equal counts in input order.
        return items.sorted { ($0.count, -order[$0.kind]!, $1.line, $1.column, $1.text) > ($1.count, -order[$1.kind]!, $0.line, $0.column, $0.text) }
    }

    /// The column of a break left undecided (`three- | year`): where its first
    /// part stands at the end of input line `line`.
    private static func column(ofBreak text: String, onLine line: Int, in audited: AuditedText) -> Int {
        let first = Array((text.components(separatedBy: " | ").first ?? text).utf8)
        guard let range = audited.inputLineRange(line), !first.isEmpty, range.count >= first.count else { return 0 }
        var start = range.upperBound - first.count
        while start >= range.lowerBound {
            if audited.input[start..<(start + first.count)].elementsEqual(first) { return audited.place(ofInput: start).column }
            start -= 1
        }
        return 0
    }
}
