import Foundation
import Yams

/// Joins words broken at a line end, keeps the hyphen of real compounds.
///
/// Changes: "the law- " + "lessness was the rule" → "the lawlessness" + "was
/// the rule" (the joined word goes on the first line, the rest of the second
/// line stays); "anti- " + "Soviet elements" → "anti-Soviet" + "elements";
/// "a worthy suc" + "cessor of" → "a worthy successor" + "of" (a break whose
/// hyphen the scan lost: `joinsWithoutHyphen`, judged by the second half, and
/// `joinsAfterNoWord`, by the first); "organiza- -" + "tional" and
/// "togeth-" + ". er," → "organizational", "together," (a speck OCR read beside
/// the margin goes where the halves join as a listed word or the document's).
/// Decides from evidence, in order: the document itself (the joined or the
/// hyphenated form seen whole earlier in the text, or in a vocabulary file), a capital after the hyphen (a compound: non-Russian,
/// Marxism-Leninism), the English word list (the joined word is a word:
/// join), compound-forming prefixes (self-, non-: keep), and a second half
/// that is no word (a fragment: join). When both halves are words and nothing
/// else decides ("in the party-" + "he would": a dash, or "three-" + "year"),
/// the line break and the hyphen stay and the place is reported for review.
/// Never touches: a hyphen with a space before it (a dash), a line whose next
/// line is blank or starts with no letter, the text of lines otherwise.
/// With `reflow: paragraphs`, each paragraph is written as one line.
/// Holds back one line (one ending in a hyphen or a word, until the next arrives),
/// and when reflowing, the lines of one paragraph (at most `window`).
public struct Dehyphenator: SurveyingStage, RegisteredStage {
    public struct Configuration: Sendable, Equatable {
        /// A vocabulary file of the book (one word a line, optionally a tab and a count).
        public var vocabulary: String?
        /// A rule file of compound prefixes added to the built-in ones.
        public var compounds: String?
        public var rulesDirectory: String?
        /// Write each paragraph as one line (joined with single spaces).
        public var reflowsParagraphs = false
        /// The most lines of a paragraph held when reflowing; a longer one is written in pieces.
        public var window = 256

        public init(vocabulary: String? = nil, compounds: String? = nil, rulesDirectory: String? = nil,
                    reflowsParagraphs: Bool = false, window: Int = 256) {
            self.vocabulary = vocabulary
            self.compounds = compounds
            self.rulesDirectory = rulesDirectory
            self.reflowsParagraphs = reflowsParagraphs
            self.window = window
        }
    }

    public static let descriptor = StageDescriptor(
        name: "dehyphenate",
        summary: "joins words broken at line ends; keeps real compounds and dashes",
        options: [
            OptionSpec("vocab", .string, default: .string(""),
                       "a vocabulary of the book (emend learn) used as evidence besides the text seen so far"),
            OptionSpec("compounds", .string, default: .string(""),
                       "a rule file of compound prefixes for one book, added to rules/dehyphenate/compounds.yaml"),
            OptionSpec("reflow", .choice(["lines", "paragraphs"]), default: .string("lines"),
                       "keep the lines as they are, or write each paragraph as one line"),
            OptionSpec("window", .integer(2...100_000), default: .integer(256),
                       "the most lines of a paragraph held when reflowing"),
            OptionSpec("rules", .string, default: .string(""),
                       "a directory of rule files that override the built-in ones (same layout as rules/)"),
        ],
        make: { options in
            return try Dehyphenator(configuration: Configuration(
                vocabulary: options.path("vocab"), compounds: options.path("compounds"), rulesDirectory: options.path("rules"),
                reflowsParagraphs: options.string("reflow") == "paragraphs", window: options.integer("window")))
        }
    )

    /// What the stage decided for one broken line end.
    public enum Decision: String, Sendable {
        case join, compound, leave
    }

    /// Which evidence decided it; part of the change's rule id (`dehyphenate:join:lexicon`).
    public enum Evidence: String, Sendable {
        /// The joined or the hyphenated word seen whole in the document (or its vocabulary).
        case document
        /// A capital after the hyphen: non-Russian, Marxism-Leninism.
        case capital
        /// The joined word is in the English word list.
        case lexicon
        /// The first half is a compound-forming prefix (rules/dehyphenate/compounds.yaml).
        case prefix
        /// The second half is no word: the end of a broken word.
        case fragment
        /// Nothing decided: both halves are words, or the next line starts with no word.
        case undecided
    }

    public let configuration: Configuration
    public var name: String { Self.descriptor.name }
    public var maximumHeldLines: Int { 1 }
    /// With a survey and lines kept as they are, a line is decided by the line
    /// before it (did it end broken?) and the line after; what it learns as it
    /// goes without a survey, and a paragraph being reflowed, reach further.
    public var chunkContext: Int? { surveyed != nil && !configuration.reflowsParagraphs ? 1 : nil }

    private let english: EnglishWordList
    private var vocabulary = DocumentVocabulary()
    /// The whole document's counts, when the run surveyed it first (`use(_:)`):
    /// then a word used anywhere in the document is evidence from the first page.
    /// Held in a box that is never changed, so that a look-up reads it in
    /// place (an optional struct is copied out to be read).
    private var surveyed: Surveyed?
    private final class Surveyed: Sendable {
        let survey: DocumentSurvey
        init(_ survey: DocumentSurvey) { self.survey = survey }
    }
    /// The words this stage has seen so far (with those of its vocabulary file).
    package var vocabularySoFar: DocumentVocabulary { vocabulary }
    private var prefixes = Set<String>()
    /// True until a survey is given: the stage then counts the words of the lines it writes as it goes.
    private var learnsAsItGoes = true
    /// Each line taken out and handed on alone, as when learning, even with a
    /// survey and no reflowing (for tests: the lines decided in place must
    /// come out the same).
    package var decidesLineByLine = false
    /// Whether the line last written ended in a broken word (kept while learning as it goes).
    private var previousEndedBroken = false
    /// The lines of the paragraph being reflowed.
    private var paragraph: [Line] = []

    public init(configuration: Configuration = Configuration(), english: EnglishWordList = .builtIn) throws {
        self.configuration = configuration
        self.english = english
        let library = try RuleLibrary(checking: configuration.rulesDirectory)
        let builtIn = "dehyphenate/compounds.yaml"
        if let text = try library.text(of: builtIn) { prefixes = try Self.compoundPrefixes(in: text, file: library.displayName(of: builtIn)) }
        if let path = configuration.compounds {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw RuleFileError(file: path, message: "no such rule file '\(path)'")
            }
            prefixes.formUnion(try Self.compoundPrefixes(in: String(decoding: data, as: UTF8.self), file: path))
        }
        if let path = configuration.vocabulary { try vocabulary.load(path: path) }
    }

    /// The compound-forming prefixes of a rule file like `rules/dehyphenate/compounds.yaml`, in lower case.
    static func compoundPrefixes(in text: String, file: String) throws -> Set<String> {
        var prefixes = Set<String>()
        let node: Node?
        do { node = try RuleYAML.composeLikeYams(text) } catch { throw RuleFileError(file: file, message: "not valid YAML: \(error)") }
        guard let list = node?.mapping?["prefixes"]?.sequence else {
            throw RuleFileError(file: file, message: "expected a 'prefixes:' list")
        }
        for item in list {
            guard let prefix = item.string, !prefix.isEmpty else {
                let mark = item.mark
                throw RuleFileError(file: file, location: mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) },
                                    message: "expected a word in 'prefixes'")
            }
            prefixes.insert(prefix.lowercased())
        }
        return prefixes
    }

    /// Only the survey's word counts are read.
    public var surveyParts: SurveyParts { .words }

    public mutating func use(_ survey: DocumentSurvey) {
        surveyed = Surveyed(survey)
        learnsAsItGoes = false
    }

    /// How often the document uses `word` whole: in the whole document when it
    /// was surveyed, otherwise so far; with the vocabulary file's count.
    private func documentCount(of word: ArraySlice<UInt8>) -> Int {
        let seen = surveyed?.survey.count(of: word) ?? 0
        return vocabulary.count > 0 ? seen + vocabulary.count(of: word) : seen
    }

    public mutating func consume(_ pending: inout [Line], into output: inout StageOutput) throws {
        run(&pending, into: &output, atEnd: false)
    }

    public mutating func finish(_ pending: inout [Line], into output: inout StageOutput) throws {
        run(&pending, into: &output, atEnd: true)
        flushParagraph(into: &output)
    }

    /// Decides the lines of `pending` in order. Each line is taken out of
    /// `pending` as it is read (an empty line left in its place), so that a
    /// join changes the only copy of its bytes; `pending` is written at the
    /// end (the line held back put back, as a join left it, and the lines
    /// decided taken off): the line being decided and the one after it, as
    /// joins change them, are kept aside, so a line that ends in no broken
    /// word costs a look at its end and its hand-off. With a survey and no
    /// reflowing (a decided line only handed on), `runInPlace` decides them.
    private mutating func run(_ pending: inout [Line], into output: inout StageOutput, atEnd: Bool) {
        guard learnsAsItGoes || configuration.reflowsParagraphs || decidesLineByLine else {
            return runInPlace(&pending, into: &output, atEnd: atEnd)
        }
        var index = 0
        // `pending[index]` as this call took it and changed it (nil: still in `pending`).
        var changed: Line?
        // The joined and hyphenated forms of a break are written here to be looked up: one buffer for all.
        var scratch: [UInt8] = []
        lines: while index < pending.count {
            var line = changed ?? Self.take(&pending[index])
            changed = nil
            // What a join took from the next line, and the next line (when read) as this call left it.
            var moved = Moved.nothing
            var nextNow: Line?
            let end = Self.end(of: &line)
            if end != .other {
                guard index + 1 < pending.count else {
                    if atEnd { emit(line, into: &output); index += 1 } else { changed = line }
                    break lines  // wait for the next line
                }
                var next = Self.take(&pending[index + 1])
                moved = joinBreak(end, of: &line, next: &next, scratch: &scratch, into: &output)
                nextNow = next
            }
            if moved == .wholeLine {
                // The next line is gone: the joined line takes its place and is decided again
                // (it may itself end in a broken word).
                index += 1
                changed = line
                continue
            }
            emit(Self.take(&line), into: &output)  // taken, not copied: the output holds its bytes alone
            index += 1
            changed = nextNow
        }
        if let changed, index < pending.count { pending[index] = changed }
        if index == pending.count { pending.removeAll(keepingCapacity: true) } else { pending.removeSubrange(0..<index) }
    }

    /// Decides the lines of `pending` as `run` does, where they stand, when a
    /// decided line is only handed on (a survey given, no reflowing): a join
    /// changes the two lines in place, a line a join emptied is dropped, and
    /// the lines decided are moved to `output` together at the end, so a line
    /// that ends in no broken word costs a look at its end alone. The line
    /// held back for the next one stays in `pending`.
    private func runInPlace(_ pending: inout [Line], into output: inout StageOutput, atEnd: Bool) {
        // The joined and hyphenated forms of a break are written here to be looked up: one buffer for all.
        var scratch: [UInt8] = []
        // The lines before `decided` are decided, in order; from there to `index`, lines a join
        // emptied; from `index` on, lines still to decide.
        let (decided, index) = pending.withUnsafeMutableBufferPointer { lines -> (Int, Int) in
            var decided = 0, index = 0
            lines: while index < lines.count {
                let end = Self.end(of: &lines[index])
                if end != .other {
                    if index + 1 == lines.count {
                        guard atEnd else { break lines }  // wait for the next line
                    } else if joinBreak(end, of: &lines[index], next: &lines[index + 1], scratch: &scratch, into: &output) == .wholeLine {
                        // The next line is gone: the joined line takes its place and is decided again
                        // (it may itself end in a broken word).
                        lines.swapAt(index, index + 1)
                        index += 1
                        continue
                    }
                }
                if decided != index { lines.swapAt(decided, index) }
                decided += 1
                index += 1
            }
            return (decided, index)
        }
        if decided == pending.count { return output.lines.moveAppend(&pending) }
        let waiting = pending.moveOutSuffix(from: index)
        pending.removeSubrange(decided...)
        output.lines.moveAppend(&pending)
        pending.append(contentsOf: waiting)
    }

    /// A join decided by the English list or the document: evidence enough
    /// to take away what OCR added beside a break (a speck, a dash for its hyphen).
    private static func isSureJoin(_ decided: (Decision, Evidence)) -> Bool {
        decided.0 == .join && (decided.1 == .lexicon || decided.1 == .document)
    }

    /// Rewrites `line` by `rewrite` (reported under `rule`), then joins its
    /// break, now a plain hyphen at its end, with `next`.
    private func rewriteAndJoin(_ split: Split, of line: inout Line, next: inout Line, rule: String, scratch: inout [UInt8],
                                into output: inout StageOutput, _ rewrite: (inout [UInt8]) -> Void) -> Moved {
        let read = line
        rewrite(&line.bytes)
        output.recordRewrite(of: read, to: line.bytes, stage: name, rule: rule)
        return joinBreak(.broken(split), of: &line, next: &next, scratch: &scratch, into: &output)
    }

    /// Decides the break `end` (not `.other`) at the end of `line` against
    /// `next`, and makes the join it decides on the two lines, reporting it;
    /// what the join took from `next`.
    private func joinBreak(_ end: LineEnd, of line: inout Line, next: inout Line, scratch: inout [UInt8],
                           into output: inout StageOutput) -> Moved {
        switch end {
        case .other:
            return .nothing
        case .dashedBreak(let split):
            // "posi—" | "tions": the dash is the break's hyphen only where the first
            // half is no English word and the halves join as a word the English
            // list or the document has ("said—" | "then" is a dash).
            guard !english.contains(line.bytes[split.wordStart..<split.hyphen]),
                  Self.isSureJoin(decide(line.bytes, split: split, next: next.bytes, scratch: &scratch)) else { return .nothing }
            return rewriteAndJoin(split, of: &line, next: &next, rule: "dehyphenate:dash", scratch: &scratch, into: &output) {
                $0.replaceSubrange(split.hyphen..., with: [UInt8(ascii: "-")])
            }
        case .brokenBeforeSpeck(let split, let speckStart):
            // "organiza- -" | "tional": the speck goes only where the two halves join as a word
            // the English list or the document has.
            guard Self.isSureJoin(decide(line.bytes, split: split, next: next.bytes, scratch: &scratch)) else { return .nothing }
            return rewriteAndJoin(split, of: &line, next: &next, rule: "dehyphenate:speck", scratch: &scratch, into: &output) {
                $0.removeSubrange(speckStart...)
            }
        case .broken(let split):
            if let stray = Self.strayHyphen(in: next.bytes) {
                // "clergy- | - man": OCR read the hyphen again at the start of the next line.
                let read = next
                next.bytes.removeSubrange(stray)
                output.recordRewrite(of: read, to: next.bytes, stage: name, rule: "dehyphenate:repeated-hyphen")
            }
            var (decision, evidence) = decide(line.bytes, split: split, next: next.bytes, scratch: &scratch)
            if decision == .leave, evidence == .undecided, let speck = Self.speckAtStart(of: next.bytes) {
                // "togeth-" | ". er,": a speck OCR read before the second half goes where the two
                // halves join as a word the English list or the document has.
                let rest = Array(next.bytes[speck.upperBound...])
                let (found, foundEvidence) = decide(line.bytes, split: split, next: rest, scratch: &scratch)
                if Self.isSureJoin((found, foundEvidence)) {
                    let read = next
                    next.bytes = rest
                    output.recordRewrite(of: read, to: next.bytes, stage: name, rule: "dehyphenate:speck")
                    (decision, evidence) = (found, foundEvidence)
                }
            }
            if decision == .leave {
                if output.recordsChanges, Self.secondHalf(of: next.bytes) != nil {
                    output.changes.append(Change(kind: .joined, stage: name, rule: "dehyphenate:leave:\(evidence.rawValue)", line: line.number,
                                                 column: split.hyphen + 1, before: Self.describe(line.bytes, split, next.bytes),
                                                 after: Self.describe(line.bytes, split, next.bytes)))
                }
                return .nothing
            }
            let records = output.recordsChanges
            return moveUp(&next, to: &line, keeping: decision == .join ? split.hyphen : split.hyphen + 1,
                          wordStart: split.wordStart, column: split.hyphen + 1,
                          before: records ? Self.describe(line.bytes, split, next.bytes) : "",
                          rule: records ? "dehyphenate:\(decision.rawValue):\(evidence.rawValue)" : "", into: &output)
        case .letters(let wordStart, let end):
            // A break whose hyphen the scan lost ("a worthy suc" | "cessor of Mr";
            // "for all pur" | "poses of").
            let rule: String
            if Self.mayJoinWithoutHyphen(&line, from: wordStart, next: &next, english: english),
               joinsWithoutHyphen(line.bytes[wordStart...], next: next.bytes, scratch: &scratch) {
                rule = "dehyphenate:join:lost-hyphen"
            } else if joinsAfterNoWord(line.bytes[wordStart..<end], next: next.bytes, scratch: &scratch) {
                rule = "dehyphenate:join:lost-hyphen-no-word"
            } else {
                return .nothing
            }
            guard let second = Self.firstWord(of: next.bytes) else { return .nothing }
            let before = output.recordsChanges
                ? String(decoding: line.bytes[wordStart..<end], as: UTF8.self) + " | " + String(decoding: next.bytes[second], as: UTF8.self)
                : ""
            return moveUp(&next, to: &line, keeping: end, wordStart: wordStart, column: wordStart + 1, before: before,
                          rule: rule, into: &output)
        }
    }

    /// The line at `line`, an empty line left in its place (no count taken on its bytes).
    @inline(__always)
    private static func take(_ line: inout Line) -> Line {
        var taken = Line(bytes: [], ending: .none)
        swap(&taken, &line)
        return taken
    }

    /// What `moveUp` took from the next line.
    private enum Moved { case nothing, firstWord, wholeLine }

    /// Moves the first word of `next` up to `line`, after the first `kept`
    /// bytes of it (the broken word's start at `wordStart`), and reports the
    /// join under `rule` (`before` and `rule` are read only for a report).
    /// `.wholeLine` when the next line held only that word: it goes, `line`
    /// taking its ending; `.firstWord` when the rest of `next` stays.
    private func moveUp(_ next: inout Line, to line: inout Line, keeping kept: Int, wordStart: Int, column: Int,
                        before: String, rule: String, into output: inout StageOutput) -> Moved {
        guard let word = Self.firstWord(of: next.bytes) else { return .nothing }
        let nextBefore = output.recordsChanges ? next.text : ""
        var restStart = word.upperBound
        while restStart < next.bytes.count, next.bytes[restStart] == 0x20 { restStart += 1 }
        line.bytes.replaceSubrange(kept..., with: next.bytes[word])
        next.bytes.removeSubrange(0..<restStart)
        if output.recordsChanges {
            output.changes.append(Change(kind: .joined, stage: name, rule: rule, line: line.number, column: column, before: before,
                                         after: String(decoding: line.bytes[wordStart...], as: UTF8.self)))
        }
        guard next.bytes.allSatisfy({ $0 == 0x20 }) else { return .firstWord }
        // The second line held only the word's end: it goes, its ending with it.
        line.ending = next.ending.isNewline ? line.ending : next.ending
        if output.recordsChanges {
            output.changes.append(Change(kind: .joined, stage: name, rule: "dehyphenate:emptied", line: next.number, column: 1,
                                         before: nextBefore, after: ""))
        }
        return .wholeLine
    }

    /// Hands `line` on (counting its words when learning as it goes, holding
    /// it for its paragraph when reflowing).
    @inline(__always)
    private mutating func emit(_ line: Line, into output: inout StageOutput) {
        guard learnsAsItGoes || configuration.reflowsParagraphs else { return output.lines.append(line) }
        emitCountingOrReflowing(line, into: &output)
    }

    private mutating func emitCountingOrReflowing(_ line: Line, into output: inout StageOutput) {
        if learnsAsItGoes {
            vocabulary.addWords(of: line.bytes, skippingFirst: previousEndedBroken)
            previousEndedBroken = Self.brokenEnd(line) != nil
        }
        guard configuration.reflowsParagraphs else { return output.lines.append(line) }
        // A segment of an over-long line is never glued to more: the line bound holds.
        if line.ending == .split || line.isContinuation {
            flushParagraph(into: &output)
            return output.lines.append(line)
        }
        let blank = line.bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 }
        if blank {
            flushParagraph(into: &output)
            output.lines.append(line)
        } else {
            paragraph.append(line)
            if paragraph.count >= configuration.window { flushParagraph(into: &output) }
        }
    }

    /// Writes the paragraph held for reflowing as one line: its lines joined by
    /// one space (the segments of a cut line by none), each join reported.
    private mutating func flushParagraph(into output: inout StageOutput) {
        guard var joined = paragraph.first else { return }
        defer { paragraph.removeAll(keepingCapacity: true) }
        var previous = (number: joined.number, start: 0)  // the line whose end is joined, and where it starts in `joined`
        for line in paragraph.dropFirst() {
            var end = joined.bytes.count
            while end > 0, joined.bytes[end - 1] == 0x20 { end -= 1 }
            var start = 0
            while start < line.bytes.count, line.bytes[start] == 0x20 { start += 1 }
            if output.recordsChanges {
                let before = String(decoding: joined.bytes[end...], as: UTF8.self) + "\n"
                    + String(decoding: line.bytes[..<start], as: UTF8.self)
                output.changes.append(Change(kind: .joined, stage: name, rule: "dehyphenate:reflow", line: previous.number,
                                             column: end - previous.start + 1, before: before, after: " "))
            }
            joined.bytes.removeSubrange(end...)
            joined.bytes.append(0x20)
            previous = (line.number, joined.bytes.count - start)
            joined.bytes += line.bytes[start...]
            joined.ending = line.ending
        }
        output.lines.append(joined)
    }

    // MARK: Deciding

    /// Where a line ends in a broken word: the hyphen's index and the start of the word before it.
    struct Split: Equatable { var wordStart: Int; var hyphen: Int }

    /// How a line ends: in a broken word (perhaps with a speck after it), in a
    /// word of ASCII letters (`lettersAtEnd`), or otherwise.
    enum LineEnd: Equatable {
        case broken(Split)
        /// A broken word, then spaces and a speck OCR read beside the margin
        /// ("organiza- -", "bring- .", "my- ©"): the split, and where the
        /// spaces before the speck start.
        case brokenBeforeSpeck(Split, speckStart: Int)
        /// A word's letters, perhaps a hyphen, then a dash (— or –) right after
        /// them: a typewriter face's hyphen OCR read as a dash ("posi—",
        /// "func-—"); the split has the dash's start for its hyphen.
        case dashedBreak(Split)
        /// The word's start and end (spaces may follow it).
        case letters(start: Int, end: Int)
        case other
    }

    static func brokenEnd(_ line: Line) -> Split? {
        if case .broken(let split) = end(of: line) { return split }
        return nil
    }

    /// Where a line ends in a word of ASCII letters alone, with nothing but
    /// spaces after it and a space, a bracket or a quote before it (or the
    /// line's start): the start of that word; nil otherwise.
    static func lettersAtEnd(_ line: Line) -> Int? {
        if case .letters(let start, _) = end(of: line) { return start }
        return nil
    }

    /// How `line` ends, read from its last bytes alone: a line ending in
    /// neither a hyphen nor an ASCII letter costs a look at its last mark
    /// and the byte before it, past the trailing spaces.
    static func end(of line: Line) -> LineEnd {
        var line = line
        return end(of: &line)
    }

    /// The same, reading `line` in place: inout only so that no count is
    /// taken on its bytes (it is never changed).
    static func end(of line: inout Line) -> LineEnd {
        guard line.ending.isNewline else { return .other }
        return line.bytes.withUnsafeBufferPointer { bytes in
            var end = bytes.count
            while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
            guard end > 0 else { return .other }
            let last = bytes[end - 1]
            if last == UInt8(ascii: "-") {
                return brokenWord(in: bytes, end: end).map { .broken($0) } ?? speckAfterBrokenWord(in: bytes, end: end)
            }
            let isASCIILetter = { (byte: UInt8) in (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
            guard isASCIILetter(last) else { return speckAfterBrokenWord(in: bytes, end: end) }
            var start = end - 1
            while start > 0, isASCIILetter(bytes[start - 1]) { start -= 1 }
            if start > 0 {
                let before = bytes[start - 1]
                guard before == 0x20 || before == UInt8(ascii: "(") || before == UInt8(ascii: "\"") || before == UInt8(ascii: "'")
                        || before == UInt8(ascii: "[") else { return .other }
            }
            return .letters(start: start, end: end)
        }
    }

    /// `.brokenBeforeSpeck` when the text ending at `end` is a broken word,
    /// spaces and one mark alone (a speck: one character that is no letter,
    /// digit or space); `.other` otherwise. Most lines ending in a mark
    /// cost a look at the byte before it.
    private static func speckAfterBrokenWord(in bytes: UnsafeBufferPointer<UInt8>, end: Int) -> LineEnd {
        var start = end - 1
        let last = bytes[start]
        if last >= 0x80 {
            // One character of two or three bytes: a mark of U+0080-U+00BF or U+2000-U+206F.
            guard let base = bytes.baseAddress else { return .other }
            let length = SurveyWordScanner.markLength(base, endingAt: end, after: 0)
            guard length > 0 else { return .other }
            start = end - length
            if let split = dashedBreak(in: bytes, dashStart: start, end: end) { return .dashedBreak(split) }
        } else {
            guard !(last >= UInt8(ascii: "0") && last <= UInt8(ascii: "9")), !DocumentVocabulary.isLetter(last),
                  last > 0x20 else { return .other }
        }
        guard start >= 3, bytes[start - 1] == 0x20 else { return .other }
        var hyphenEnd = start - 1
        while hyphenEnd > 0, bytes[hyphenEnd - 1] == 0x20 { hyphenEnd -= 1 }
        guard hyphenEnd > 0, bytes[hyphenEnd - 1] == UInt8(ascii: "-"), let split = brokenWord(in: bytes, end: hyphenEnd) else {
            return .other
        }
        return .brokenBeforeSpeck(split, speckStart: hyphenEnd)
    }

    /// The broken word before an em or en dash that ends the text at `end`
    /// right after ASCII letters, or after letters and a hyphen ("posi—",
    /// "func-—"): the split has the dash (or that hyphen) for its hyphen.
    private static func dashedBreak(in bytes: UnsafeBufferPointer<UInt8>, dashStart: Int, end: Int) -> Split? {
        guard end - dashStart == 3, bytes[dashStart] == 0xE2, bytes[dashStart + 1] == 0x80,
              bytes[dashStart + 2] == 0x94 || bytes[dashStart + 2] == 0x93 else { return nil }
        let hyphen = dashStart > 0 && bytes[dashStart - 1] == UInt8(ascii: "-") ? dashStart - 1 : dashStart
        let isASCIILetter = { (byte: UInt8) in (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        var start = hyphen
        while start > 0, isASCIILetter(bytes[start - 1]) { start -= 1 }
        guard start < hyphen, start == 0 || bytes[start - 1] == 0x20 || "(\"'[".utf8.contains(bytes[start - 1]) else { return nil }
        return Split(wordStart: start, hyphen: hyphen)
    }

    /// The broken word of a line whose text ends at `end` in a hyphen: a
    /// letter before the hyphen, no second hyphen, the word's letters (with
    /// inner hyphens) before it.
    private static func brokenWord(in bytes: UnsafeBufferPointer<UInt8>, end: Int) -> Split? {
        guard end >= 2, bytes[end - 1] == UInt8(ascii: "-"), DocumentVocabulary.isLetter(bytes[end - 2]),
              !(end >= 3 && bytes[end - 2] == UInt8(ascii: "-")) else { return nil }
        var start = end - 1
        while start > 0, DocumentVocabulary.isLetter(bytes[start - 1]) || (bytes[start - 1] == UInt8(ascii: "-")
                && start >= 2 && DocumentVocabulary.isLetter(bytes[start - 2])) { start -= 1 }
        // Bytes of other scripts count as letters above; a quote or a dash before the word ("“un-") is none.
        if bytes[start] >= 0x80 {
            let leading = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(end - 1)]), as: UTF8.self).unicodeScalars
                .prefix { !$0.properties.isAlphabetic }
            start += leading.reduce(0) { $0 + UTF8.width($1) }
            guard start < end - 1 else { return nil }
        }
        return Split(wordStart: start, hyphen: end - 1)
    }

    /// A speck that starts the line after a broken word: one mark (no
    /// letter, digit, space or hyphen: `strayHyphen` takes that) standing
    /// alone before small letters ("’ ing", ". er,"). The range of the mark
    /// and the spaces after it.
    static func speckAtStart(of next: [UInt8]) -> Range<Int>? {
        next.withUnsafeBufferPointer { bytes in
            var start = 0
            while start < bytes.count, bytes[start] == 0x20 { start += 1 }
            guard start < bytes.count else { return nil }
            let byte = bytes[start]
            var end = start + 1
            if byte >= 0x80, let base = bytes.baseAddress {
                end = start + SurveyWordScanner.markLength(base, bytes.count, at: start)
                guard end > start else { return nil }
            } else if byte <= 0x20 || byte == UInt8(ascii: "-") || DocumentVocabulary.isLetter(byte)
                        || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) {
                return nil
            }
            guard end < bytes.count, bytes[end] == 0x20 else { return nil }
            while end < bytes.count, bytes[end] == 0x20 { end += 1 }
            guard end < bytes.count, bytes[end] >= UInt8(ascii: "a"), bytes[end] <= UInt8(ascii: "z") else { return nil }
            return start..<end
        }
    }

    /// A hyphen that starts the line after a broken word, before a small
    /// letter ("- man," after "clergy-", "-eight" after "fifty-"): the
    /// break's own hyphen read twice (some books also print it so). The range
    /// of the hyphen and the spaces after it.
    static func strayHyphen(in next: [UInt8]) -> Range<Int>? {
        var start = 0
        while start < next.count, next[start] == 0x20 { start += 1 }
        guard start < next.count, next[start] == UInt8(ascii: "-") else { return nil }
        var end = start + 1
        while end < next.count, next[end] == 0x20 { end += 1 }
        guard end < next.count, next[end] >= UInt8(ascii: "a"), next[end] <= UInt8(ascii: "z") else { return nil }
        return start..<end
    }

    /// Whether `first` (the letters a line ends in) and the word that starts
    /// `next` are one word whose hyphen the scan lost: the next line starts
    /// with small letters that are no word (not in the English list, not a
    /// word the document uses twice, not words run together), and the two
    /// side by side make a common English word (SCOWL size 35 or less, as
    /// written) or one the document uses more often than that half. Never
    /// for capitals alone, nor a second half followed by a hyphen or an
    /// apostrophe and more letters.
    func joinsWithoutHyphen(_ first: ArraySlice<UInt8>, next: [UInt8], scratch: inout [UInt8]) -> Bool {
        guard !first.allSatisfy(GarbleRepair.isUpper), let range = Self.joinableSecondHalf(of: next) else { return false }
        let second = next[range]
        guard !english.contains(second) else { return false }
        let secondCount = documentCount(of: second)
        guard secondCount < 2, !(second.count >= 10 && splitsIntoWords(second)) else { return false }
        let joined = Self.write(first, second, into: &scratch, at: 0)
        if let tier = english.tier(of: scratch[joined]), tier <= 35 { return true }
        return documentCount(of: scratch[joined]) > max(1, secondCount)
    }

    /// Whether `first` (the letters a line ends in) and the small letters
    /// that start `next` are one word whose hyphen the scan lost, judged by
    /// the first half where `joinsWithoutHyphen` judges by the second: the
    /// first half (two letters or more, not capitals alone) is no word of the
    /// English list, and the two side by side make a word of it as written
    /// (SCOWL size 50 or less: "pur" | "poses", "Bri" | "tain", "arma" |
    /// "ment"), and the document writes the first half nowhere else. Nothing
    /// is asked of the second half: it may be a word ("bles" | "sing") or one
    /// the document repeats, as the ends of broken words are ("ing", "ment").
    /// Never when the first half is a word ("a" | "way", "over" | "power",
    /// "work" | "force" stay) or one the document writes again (an
    /// abbreviation without its period: "Collins St" | "and", "et al" |
    /// "though"), nor a first half of two letters before a word of the
    /// English list (such an abbreviation written once), nor for a second
    /// half followed by a hyphen, an apostrophe or more letters.
    func joinsAfterNoWord(_ first: ArraySlice<UInt8>, next: [UInt8], scratch: inout [UInt8]) -> Bool {
        guard first.count >= 2, !first.allSatisfy(GarbleRepair.isUpper), let range = Self.joinableSecondHalf(of: next),
              !english.contains(first) else { return false }
        let joined = Self.write(first, next[range], into: &scratch, at: 0)
        guard let tier = english.tier(of: scratch[joined]), tier <= Self.commonAfterNoWord else { return false }
        // A first half the document writes elsewhere is a word of its own: an abbreviation
        // written without its period ("Collins St" | "and", "et al" | "though", "(ed" | "it");
        // so, once, is one of two letters before a word ("al" | "most" is passed by with them).
        guard documentCount(of: first) <= 1 else { return false }
        return first.count > 2 || !english.contains(next[range])
    }

    /// The largest SCOWL size of a word `joinsAfterNoWord` makes.
    static let commonAfterNoWord = 50

    /// False when `joinsWithoutHyphen` of the bytes of `line` from `start`
    /// and `next` says no before it counts words in the document: the next
    /// line starts with no small letters alone, or with small letters a hyphen
    /// or an apostrophe follows, or with an English word, or the first half
    /// is capitals alone. Asked first, it spares the run the call and the
    /// counts taken on both lines for most lines ending in a word. The lines
    /// are inout only to be read in place; they are never changed.
    static func mayJoinWithoutHyphen(_ line: inout Line, from start: Int, next: inout Line, english: EnglishWordList) -> Bool {
        next.bytes.withUnsafeBufferPointer { next in
            var wordStart = 0
            while wordStart < next.count, next[wordStart] == 0x20 { wordStart += 1 }
            var end = wordStart
            while end < next.count, next[end] >= UInt8(ascii: "a"), next[end] <= UInt8(ascii: "z") { end += 1 }
            guard end > wordStart, !continuesWord(next, at: end) else { return false }
            let allCapitals = line.bytes.withUnsafeBufferPointer { line in
                var index = start
                while index < line.count, GarbleRepair.isUpper(line[index]) { index += 1 }
                return index == line.count
            }
            return !allCapitals && !english.contains(UnsafeBufferPointer(rebasing: next[wordStart..<end]))
        }
    }

    /// `smallLettersAtStart` of `next` when no hyphen or apostrophe follows
    /// them (a compound or a contraction goes on there, `continuesWord`):
    /// the second half a lost-hyphen join may take.
    static func joinableSecondHalf(of next: [UInt8]) -> Range<Int>? {
        guard let range = smallLettersAtStart(of: next) else { return nil }
        return next.withUnsafeBufferPointer { continuesWord($0, at: range.upperBound) } ? nil : range
    }

    /// Whether the byte at `index` goes on with the word before it: a letter,
    /// or a hyphen or an apostrophe (ASCII or typographic, U+2019) after which
    /// a compound or a contraction goes on.
    static func continuesWord(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index < bytes.count, let base = bytes.baseAddress else { return false }
        let byte = bytes[index]
        if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "'") { return true }
        if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x99 { return true }
        return SurveyWordScanner.letterLength(base, bytes.count, at: index) > 0
    }

    /// Where the letters that start the next line (after its indentation)
    /// lie when they are small ASCII letters alone: `secondHalf` with
    /// nothing but a-z in it, found in one pass.
    static func smallLettersAtStart(of next: [UInt8]) -> Range<Int>? {
        next.withUnsafeBufferPointer { next in
            var start = 0
            while start < next.count, next[start] == 0x20 { start += 1 }
            var end = start
            while end < next.count, next[end] >= UInt8(ascii: "a"), next[end] <= UInt8(ascii: "z") { end += 1 }
            // A letter after them (a capital, a letter of another script) would be part of the same
            // word; a quote or a dash beyond ASCII is none.
            guard end > start, let base = next.baseAddress,
                  end == next.count || SurveyWordScanner.letterLength(base, next.count, at: end) == 0 else { return nil }
            return start..<end
        }
    }

    /// The letters that start the next line (after its indentation), if it starts with a letter.
    static func secondHalf(of next: [UInt8]) -> ArraySlice<UInt8>? {
        next.withUnsafeBufferPointer { secondHalf(in: $0) }.map { next[$0] }
    }

    /// Where the letters that start the next line lie (after its indentation),
    /// if it starts with a letter. They end where the survey's words end: a
    /// quote, a dash or an apostrophe of general punctuation ("dener’s",
    /// "ings’") is no letter, as the ASCII apostrophe is none.
    static func secondHalf(in next: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var start = 0
        while start < next.count, next[start] == 0x20 { start += 1 }
        // A letter: ASCII, or the lead byte of a Latin or Cyrillic letter (not “ « —).
        guard start < next.count, DocumentVocabulary.isLetter(next[start]),
              next[start] < 0x80 || (0xC3...0xD4).contains(next[start]), let base = next.baseAddress else { return nil }
        var end = start
        while end < next.count {
            let length = SurveyWordScanner.letterLength(base, next.count, at: end)
            guard length > 0 else { break }
            end += length
        }
        return start..<end
    }

    /// Writes `head`, a hyphen when `hyphen` is true, and `tail` one after
    /// another into `scratch` from `offset`; where they stand there. The
    /// bytes are copied in place: `scratch` is lengthened only when it is too
    /// short, and bytes after the ones written are left as they were.
    static func write(_ head: ArraySlice<UInt8>, hyphen: Bool = false, _ tail: ArraySlice<UInt8>, into scratch: inout [UInt8],
                      at offset: Int) -> Range<Int> {
        let end = offset + head.count + (hyphen ? 1 : 0) + tail.count
        if scratch.count < end { scratch += repeatElement(0, count: max(end - scratch.count, 64)) }
        scratch.withUnsafeMutableBufferPointer { scratch in
            var index = offset
            for byte in head { scratch[index] = byte; index += 1 }
            if hyphen { scratch[index] = UInt8(ascii: "-"); index += 1 }
            for byte in tail { scratch[index] = byte; index += 1 }
        }
        return offset..<end
    }

    /// `scratch` is where the joined and hyphenated forms are written to be looked up.
    func decide(_ line: [UInt8], split: Split, next: [UInt8], scratch: inout [UInt8]) -> (Decision, Evidence) {
        guard let second = Self.secondHalf(of: next) else { return (.leave, .undecided) }
        let fullFirst = line[split.wordStart..<split.hyphen]
        // The part after an inner hyphen ("Zinovievist-Kamenev-" → "Kamenev") is the half that joins.
        let first = fullFirst.lastIndex(of: UInt8(ascii: "-")).map { fullFirst[($0 + 1)...] } ?? fullFirst
        let joined = Self.write(first, second, into: &scratch, at: 0)
        let hyphenated = Self.write(fullFirst, hyphen: true, second, into: &scratch, at: joined.upperBound)
        let joinedSeen = documentCount(of: scratch[joined]), hyphenatedSeen = documentCount(of: scratch[hyphenated])
        if hyphenatedSeen > joinedSeen { return (.compound, .document) }
        if joinedSeen > hyphenatedSeen { return (.join, .document) }
        // The other rules know English; a word in another script is decided by the document alone.
        if first.contains(where: { $0 >= 0x80 }) || second.contains(where: { $0 >= 0x80 }) { return (.leave, .undecided) }
        let isCapital = { (byte: UInt8) in byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
        // "time- | Molotov: ..." in a stenogram: a dash before the next speaker,
        // whose name has a capital ("de- | cides:" is a word's second half).
        if let word = Self.firstWord(of: next), next[word.upperBound - 1] == UInt8(ascii: ":"), isCapital(next[word.lowerBound]) {
            return (.leave, .undecided)
        }
        let allCaps = first.allSatisfy { !($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) }
            && second.allSatisfy { !($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) }
        if !allCaps, let initial = second.first, isCapital(initial) {
            // Trotsky-Zinoviev, All-Union: a capital on both sides. After a small
            // word ("year- | A") it is a dash, unless a prefix makes the compound.
            if let head = first.first, isCapital(head) { return (.compound, .capital) }
            return prefixes.contains(String(decoding: DocumentVocabulary.lowercased(first), as: UTF8.self))
                ? (.compound, .prefix) : (.leave, .undecided)
        }
        if english.contains(scratch[joined]) { return (.join, .lexicon) }
        if prefixes.contains(String(decoding: DocumentVocabulary.lowercased(first), as: UTF8.self)) { return (.compound, .prefix) }
        // A second half that is no word is the end of a broken word ("skaia",
        // "tization") — unless it is words run together ("hewouldexpressa").
        if !isWord(second) && !(second.count >= 10 && splitsIntoWords(DocumentVocabulary.lowercased(second))) {
            return (.join, .fragment)
        }
        return (.leave, .undecided)
    }

    /// True when the letters split wholly into common words of two letters or
    /// more (or "a"): words run together, not the end of one broken word.
    private func splitsIntoWords(_ letters: ArraySlice<UInt8>) -> Bool {
        let bytes = Array(letters)
        var reachable = [Bool](repeating: false, count: bytes.count + 1)
        reachable[0] = true
        for start in 0..<bytes.count where reachable[start] {
            for end in (start + 1)...min(bytes.count, start + 20) {
                let length = end - start
                guard length >= 2 || bytes[start] == UInt8(ascii: "a") else { continue }
                if let tier = english.tier(of: bytes[start..<end]), tier <= 50 { reachable[end] = true }
            }
        }
        return reachable[bytes.count]
    }

    private func isWord(_ word: ArraySlice<UInt8>) -> Bool {
        english.contains(word) || documentCount(of: word) > 0
    }

    /// Where the word that starts `next` lies, with the punctuation glued to
    /// it ("cial," of "cial, and more"; after the line's indentation, up to
    /// the next space); nil for a line of spaces.
    static func firstWord(of next: [UInt8]) -> Range<Int>? {
        next.withUnsafeBufferPointer { firstWord(in: $0) }
    }

    static func firstWord(in next: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var start = 0
        while start < next.count, next[start] == 0x20 { start += 1 }
        guard start < next.count else { return nil }
        var end = start
        while end < next.count, next[end] != 0x20 { end += 1 }
        return start..<end
    }

    static func describe(_ line: [UInt8], _ split: Split, _ next: [UInt8]) -> String {
        let left = String(decoding: line[split.wordStart...split.hyphen], as: UTF8.self)
        let right = firstWord(of: next).map { String(decoding: next[$0], as: UTF8.self) } ?? ""
        return "\(left) | \(right)"
    }
}
