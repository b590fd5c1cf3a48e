import Foundation
import Yams

/// A map from bytes to bytes, read by indexing (no hashing): the digit each
/// letter OCR reads for a digit stands for.
struct ByteMap {
    private var table = [UInt8](repeating: 0, count: 256)
    private var present = [Bool](repeating: false, count: 256)

    /// The bytes that have a value.
    var keys: [UInt8] { (0...255).filter { present[$0] }.map { UInt8($0) } }

    subscript(byte: UInt8) -> UInt8? {
        get { present[Int(byte)] ? table[Int(byte)] : nil }
        set {
            present[Int(byte)] = newValue != nil
            table[Int(byte)] = newValue ?? 0
        }
    }
}

/// The rules of `rules/garbles/*.yaml`.
struct GarbleRules {
    struct Replacement { var find: [UInt8]; var replace: [UInt8]; var rule: String }
    struct Phrase {
        /// The pattern, compiled on first use when its file is a built-in one.
        var lazyRegex: LazyRegex
        var regex: NSRegularExpression { lazyRegex.regex }
        var template: String
        /// The entry's `when`: text every match holds, as its author says.
        var when: [UInt8]?
        /// What every match holds, read off the pattern (`PhraseSieve`), when it can be.
        var sieve: PhraseSieve?
        var rule: String

        /// A text every match holds, looked for on a line before anything else: `when`, else the sieve's literal.
        var trigger: [UInt8]? { when ?? sieve?.trigger }
    }
    struct Confusion {
        var read: [UInt8]
        var meant: [UInt8]
        var rule: String
        /// No vowel on either side ("r" read for "s"): names vary in their vowels, not in these.
        var isOfConsonants: Bool {
            let isVowel = { (byte: UInt8) in
                switch byte | 0x20 {
                case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"): return true
                default: return false
                }
            }
            return !read.contains(where: isVowel) && !meant.contains(where: isVowel)
        }

        /// The word with one place where this confusion could have happened
        /// undone, for each such place ("Conceming" → "Concerning" for rn read as m).
        func candidates(undoingIn word: [UInt8]) -> [[UInt8]] {
            var result: [[UInt8]] = []
            word.withUnsafeBufferPointer { word in forEachCandidate(undoingIn: word) { result.append(Array($0)) } }
            return result
        }

        /// The same candidates, in the same order, each made in a buffer on
        /// the stack and valid during its call alone (the confusion test asks
        /// this of thousands of words at start, most with no place at all).
        func forEachCandidate(undoingIn word: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
            let length = read.count
            guard length <= word.count else { return }
            read.withUnsafeBufferPointer { read in
                for start in 0...(word.count - length) {
                    var matched = 0
                    while matched < length && word[start + matched] == read[matched] { matched += 1 }
                    guard matched == length else { continue }
                    let count = word.count - length + meant.count
                    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { buffer in
                        var next = 0
                        for byte in word[..<start] { buffer[next] = byte; next += 1 }
                        for byte in meant { buffer[next] = byte; next += 1 }
                        for byte in word[(start + length)...] { buffer[next] = byte; next += 1 }
                        body(UnsafeBufferPointer(buffer))
                    }
                }
            }
        }
    }

    var replacements: [Replacement] = [] { didSet { lineFeatures = features() } }
    var phrases: [Phrase] = [] {
        didSet {
            lineFeatures = features()
            everyLineHasPhrases = phrases.contains { $0.trigger == nil }
        }
    }
    /// Confusions of letter shapes ("rn" read for "m"), whose damaged forms are no words.
    var confusions: [Confusion] = []
    /// Confusions of single letters, undone only in a document that makes them
    /// (`ConfusionEvidence`): their damaged forms are often real spellings.
    var learnedConfusions: [Confusion] = []
    /// Looked up by bytes in place (the segmenter asks for every piece of a word).
    var functionWords = ByteStringTable<Bool>(capacity: 64)
    /// The most bytes a function word has: a longer piece is none, unasked.
    var longestFunctionWord = 0
    var citationAbbreviations = Set<[UInt8]>()
    var digitLetters = ByteMap() { didSet { lineFeatures = features() } }

    /// The pairs of bytes that the fixed-string steps need on a line (see `BytePairFlags`).
    private(set) var lineFeatures = BytePairFlags()
    /// A phrase without a trigger runs on every line.
    private(set) var everyLineHasPhrases = false
    /// The start of a replacement's `find`.
    static let replacementFeature: UInt16 = 1
    /// The start of a phrase's trigger.
    static let phraseTriggerFeature: UInt16 = 2
    /// The mark before a footnote reference and its first digit, or a letter OCR reads for one.
    static let footnoteGlueFeature: UInt16 = 4
    /// A space before one of the marks `SpaceBeforePunctuation` looks at.
    static let spacedMarkFeature: UInt16 = 8
    /// The first two bytes of a character `UnicodeDebris` changes: a ligature
    /// (EF AC), a soft hyphen or no-break space (C2 AD, C2 A0), a zero-width
    /// space or word joiner (E2 80, E2 81), a byte order mark (EF BB).
    static let debrisFeature: UInt16 = 16
    /// A Cyrillic letter's lead byte (D0–D4) and the byte after it, for `MixedScripts`.
    static let cyrillicFeature: UInt16 = 32
    /// A capital before an opening bracket or a look-alike of one ("VKP(b]", "VKPlb)"), for `BracketBalance`.
    static let bracketFeature: UInt16 = 64
    /// A bar beside a space ("and | looked"), for `BarForPronoun`.
    static let barFeature: UInt16 = 128
    /// A period before a space ("of. the"), for `SpeckPeriods`.
    static let periodSpaceFeature: UInt16 = 256
    /// A capital before a space ("NK VD"), for `SplitAcronyms`.
    static let capitalSpaceFeature: UInt16 = 512
    /// A lone speck's byte beside a space, or its first two bytes, for `LoneSpecks`.
    static let loneSpeckFeature: UInt16 = 1024

    init() { lineFeatures = features() }

    private func features() -> BytePairFlags {
        var flags = BytePairFlags()
        for replacement in replacements { flags.insert(replacement.find, flag: Self.replacementFeature) }
        for trigger in phrases.compactMap(\.trigger) { flags.insert(trigger, flag: Self.phraseTriggerFeature) }
        let glue = ".\"')".utf8
        flags.insertPairs(glue, "0123456789".utf8, flag: Self.footnoteGlueFeature)
        flags.insertPairs(glue, digitLetters.keys, flag: Self.footnoteGlueFeature)
        flags.insertPairs([0x20], ",;:).".utf8, flag: Self.spacedMarkFeature)
        for pair: [UInt8] in [[0xEF, 0xAC], [0xC2, 0xAD], [0xC2, 0xA0], [0xE2, 0x80], [0xE2, 0x81], [0xEF, 0xBB]] {
            flags.insert(pair, flag: Self.debrisFeature)
        }
        flags.insertPairs(0xD0...0xD4, 0...255, flag: Self.cyrillicFeature)
        flags.insertPairs(UInt8(ascii: "A")...UInt8(ascii: "Z"), "([l1".utf8, flag: Self.bracketFeature)
        flags.insert([UInt8(ascii: "|"), 0x20], flag: Self.barFeature)
        flags.insert([UInt8(ascii: "."), 0x20], flag: Self.periodSpaceFeature)
        flags.insertPairs(UInt8(ascii: "A")...UInt8(ascii: "Z"), [0x20], flag: Self.capitalSpaceFeature)
        for speck in loneSpecks {
            if speck.count == 1 {
                flags.insert([speck[0], 0x20], flag: Self.loneSpeckFeature)
                flags.insert([0x20, speck[0]], flag: Self.loneSpeckFeature)
            } else {
                flags.insert(Array(speck.prefix(2)), flag: Self.loneSpeckFeature)
            }
        }
        return flags
    }

    /// `patternsKnown`: the text is a built-in rule file's, whose phrase
    /// patterns tests check and compile; they are compiled on first use.
    mutating func add(text: String, file: String, patternsKnown: Bool = false) throws {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func located(_ message: String, _ node: Node?) -> RuleFileError {
            RuleFileError.at(node, in: file, lines: lines, message)
        }
        func ruleID(_ node: Node) -> String { "\(file):\(node.mark?.line ?? 0)" }
        let root: Node?
        do { root = try RuleYAML.compose(text) } catch { throw RuleFileError(file: file, message: "not valid YAML: \(error)") }
        guard let mapping = root?.mapping else { throw located("expected a mapping of garble rules", root) }
        let keys = ["version", "replacements", "phrases", "confusions", "learned-confusions", "english-only-confusions", "function-words",
                    "citation-abbreviations", "digit-letters", "never-last-in-a-sentence", "sentence-openers", "subject-pronouns", "lone-specks"]
        for (key, value) in mapping {
            guard let name = key.string, keys.contains(name) else {
                throw located("unknown key '\(key.string ?? "")'; expected one of \(quotedList(keys))", key)
            }
            switch name {
            case "replacements", "phrases":
                guard let list = value.sequence else { throw located("expected a list for '\(name)'", value) }
                // Added at the end, at once: each change of either list makes the line features again.
                var newReplacements: [Replacement] = [], newPhrases: [Phrase] = []
                defer { replacements += newReplacements; phrases += newPhrases }
                for item in list {
                    guard let find = item.mapping?["find"]?.string, !find.isEmpty,
                          let replace = item.mapping?["replace"]?.string else {
                        throw located("expected {find: ..., replace: ...}", item)
                    }
                    if name == "replacements" {
                        newReplacements.append(Replacement(find: Array(find.utf8), replace: Array(replace.utf8), rule: ruleID(item)))
                        continue
                    }
                    let regex: LazyRegex
                    if patternsKnown {
                        regex = LazyRegex(known: "\\b(?:" + find + ")\\b")
                    } else {
                        if let problem = RegexSafety.problem(in: find) { throw located("pattern refused: \(problem)", item) }
                        guard let compiled = try? NSRegularExpression(pattern: "\\b(?:" + find + ")\\b") else {
                            throw located("pattern does not compile: \(find)", item)
                        }
                        regex = LazyRegex(compiled: compiled)
                    }
                    // `when`: text every match holds, looked for in the line's bytes before the pattern runs.
                    let when = item.mapping?["when"]?.string.flatMap { $0.isEmpty ? nil : Array($0.utf8) }
                    newPhrases.append(Phrase(lazyRegex: regex, template: replace, when: when, sieve: PhraseSieve(pattern: find), rule: ruleID(item)))
                }
            case "confusions", "learned-confusions", "english-only-confusions":
                guard let list = value.sequence else { throw located("expected a list of pairs for '\(name)'", value) }
                for item in list {
                    guard let pair = item.sequence, pair.count == 2, let read = pair[0].string, let meant = pair[1].string,
                          !read.isEmpty else {
                        throw located("expected a pair [read, meant], such as [rn, m]", item)
                    }
                    let confusion = Confusion(read: Array(read.utf8), meant: Array(meant.utf8), rule: ruleID(item))
                    // "english-only-confusions" is the older name of the learned ones.
                    if name == "confusions" { confusions.append(confusion) } else { learnedConfusions.append(confusion) }
                }
            case "function-words", "citation-abbreviations", "never-last-in-a-sentence", "sentence-openers", "subject-pronouns":
                guard let list = value.sequence else { throw located("expected a list of words for '\(name)'", value) }
                for item in list {
                    guard let word = item.string, !word.isEmpty else { throw located("expected a word", item) }
                    if name == "function-words" {
                        functionWords.set(true, for: ArraySlice(word.lowercased().utf8))
                        longestFunctionWord = max(longestFunctionWord, word.lowercased().utf8.count)
                        functionWordList.append(Array(word.lowercased().utf8))
                    } else if name == "never-last-in-a-sentence" {
                        neverLastInASentence.insert(Array(word.lowercased().utf8))
                    } else if name == "sentence-openers" {
                        sentenceOpeners.insert(Array(word.lowercased().utf8))
                    } else if name == "subject-pronouns" {
                        subjectPronouns.append(Array(word.lowercased().utf8))
                    } else {
                        citationAbbreviations.insert(Array(word.utf8))
                    }
                }
            case "lone-specks":
                guard let list = value.sequence else { throw located("expected a list of characters for 'lone-specks'", value) }
                // Added at the end, at once: each change of the list makes the line features again.
                var newSpecks: [[UInt8]] = []
                defer { loneSpecks += newSpecks }
                for item in list {
                    guard let mark = item.string, mark.unicodeScalars.count == 1, let scalar = mark.unicodeScalars.first,
                          !scalar.properties.isAlphabetic, !scalar.properties.isWhitespace, !("0"..."9").contains(scalar) else {
                        throw located("expected one character that is no letter, digit or space", item)
                    }
                    newSpecks.append(Array(mark.utf8))
                }
            case "digit-letters":
                guard let map = value.mapping else { throw located("expected a mapping of letters to digits", value) }
                for (letter, digit) in map {
                    guard let l = letter.string?.utf8.first, letter.string?.utf8.count == 1,
                          let d = digit.string?.utf8.first, digit.string?.utf8.count == 1 else {
                        throw located("expected one letter and one digit", letter)
                    }
                    digitLetters[l] = d
                }
            default: break
            }
        }
    }

    func isFunctionWord(_ word: ArraySlice<UInt8>) -> Bool {
        word.count <= longestFunctionWord && functionWords.index(of: word) != nil
    }

    /// The function words, in the order of the rule files.
    var functionWordList: [[UInt8]] = []
    /// Words no sentence ends in (articles, conjunctions, prepositions that
    /// need their object: "the", "and", "of"), in lower case.
    var neverLastInASentence = Set<[UInt8]>()
    /// Words that open many English sentences ("it", "if"), in lower case:
    /// `CapitalIForSmall` lowers their capital only after a function word.
    var sentenceOpeners = Set<[UInt8]>()
    /// The rule files' `subject-pronouns`, in small letters: the words that stand where "I" does before a verb.
    var subjectPronouns: [[UInt8]] = []
    /// The rule files' `lone-specks`: characters that standing alone between spaces are a speck of the scan.
    var loneSpecks: [[UInt8]] = [] { didSet { lineFeatures = features() } }

    /// A year-shaped number with letters for digits ("193os" → "1930s",
    /// "1g34" → "1934", "I938" → "1938"), when the result is a year from 1700 to 2099.
    func year(_ core: [UInt8]) -> [UInt8]? {
        var body = core
        var suffix: [UInt8] = []
        if body.count == 5, body.last == UInt8(ascii: "s") { suffix = [UInt8(ascii: "s")]; body.removeLast() }
        // The first may be a letter read for 1 too ("I938", "l936").
        guard body.count == 4, let first = body.first, first == UInt8(ascii: "1") || digitLetters[first] == UInt8(ascii: "1") else { return nil }
        var letters = 0
        var digits: [UInt8] = []
        for byte in body {
            if GarbleRepair.isDigit(byte) { digits.append(byte); continue }
            guard let digit = digitLetters[byte] else { return nil }
            digits.append(digit)
            letters += 1
        }
        guard letters >= 1, letters <= 2, let value = Int(String(decoding: digits, as: UTF8.self)), (1700...2099).contains(value) else {
            return nil
        }
        // "1930s" needs a decade: a year ending in 0.
        if !suffix.isEmpty && digits.last != UInt8(ascii: "0") { return nil }
        return digits + suffix
    }
}
