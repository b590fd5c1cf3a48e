import Foundation
import Yams

/// The patterns that recognise page furniture, from `rules/page-structure/furniture.yaml`.
struct FurnitureRules {
    /// A pattern and the rule-file line it comes from.
    struct Pattern {
        /// The pattern, compiled on first use when its file is the built-in one.
        var lazyRegex: LazyRegex
        var regex: NSRegularExpression { lazyRegex.regex }
        var rule: String
        /// The words one of which the pattern must open with, lower-cased
        /// (`openingWords(of:)`), or nil when it names none.
        var openings: [[UInt8]]? = nil
        /// The pattern read as plain parts (`PlainPattern`), for a built-in
        /// pattern that has none else: matched without the regular expression
        /// on a line of printable ASCII, with the same answer.
        var plain: PlainPattern? = nil

        /// False when `text` cannot match: it opens with none of `openings`,
        /// read on its ASCII bytes (a byte beyond ASCII may fold to a letter, and leaves the pattern to decide).
        func mayMatch(_ text: String) -> Bool {
            guard let openings else { return true }
            var text = text
            return text.withUTF8 { bytes in
                openings.contains { word in
                    for (offset, letter) in word.enumerated() {
                        guard offset < bytes.count else { return false }
                        let byte = bytes[offset]
                        if byte >= 0x80 { return true }
                        if (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) != letter { return false }
                    }
                    return true
                }
            }
        }
    }

    /// The first pattern that ran over `TimedRegexSearch.timeLimit`, shared by the copies of
    /// these rules; once set, no pattern runs until the stage has taken it.
    final class Overrun: @unchecked Sendable {
        private let lock = NSLock()
        private var found: (rule: String, text: String)?

        var isSet: Bool { lock.lock(); defer { lock.unlock() }; return found != nil }

        func note(rule: String, text: String) {
            lock.lock(); defer { lock.unlock() }
            if found == nil { found = (rule, text) }
        }

        /// The overrun, cleared for the next run.
        func take() -> (rule: String, text: String)? {
            lock.lock(); defer { lock.unlock() }
            defer { found = nil }
            return found
        }
    }

    /// The last line a list of patterns was searched in, and the answer: shared
    /// by the copies of these rules (deciding changes nothing), so the line
    /// after a page break's zone, judged once in the zone and again after it,
    /// is searched once.
    final class LastSearch: @unchecked Sendable {
        private let lock = NSLock()
        private var last: (text: String, found: Bool)?

        func answer(for text: String) -> Bool? {
            lock.lock(); defer { lock.unlock() }
            guard let last, last.text == text else { return nil }
            return last.found
        }

        func note(_ text: String, found: Bool) {
            lock.lock(); defer { lock.unlock() }
            last = (text, found)
        }
    }

    /// Set anew whenever patterns are added.
    private var lastContinuation = LastSearch(), lastHeading = LastSearch()

    private var continuation: [Pattern] = []
    /// True while every continuation pattern holds the letters "cont", so a line without them needs no matching.
    private(set) var continuationPatternsSayCont = true
    private var runningHeads: [Pattern] = []
    private var headings: [Pattern] = []
    let overrun = Overrun()
    private var smallWords = Set<String>()
    private var monthNames = Set<String>()

    init(library: RuleLibrary) throws {
        let path = "page-structure/furniture.yaml"
        guard let text = try library.text(of: path) else { return }
        try add(text: text, file: library.displayName(of: path), patternsKnown: LazyRegex.isBuiltIn(text, path: path))
    }

    mutating func add(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RuleFileError(file: path, message: "no such rule file '\(path)'")
        }
        try add(text: String(decoding: data, as: UTF8.self), file: path)
    }

    /// `patternsKnown`: the text is the built-in rule file's, whose patterns
    /// tests check and compile; they are compiled on first use.
    mutating func add(text: String, file: String, patternsKnown: Bool = false) throws {
        (lastContinuation, lastHeading) = (LastSearch(), LastSearch())
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func located(_ message: String, _ node: Node?) -> RuleFileError {
            RuleFileError.at(node, in: file, lines: lines, message)
        }
        let root: Node?
        do { root = try RuleYAML.compose(text) } catch {
            throw RuleFileError(file: file, message: "not valid YAML: \(error)")
        }
        guard let mapping = root?.mapping else { throw located("expected a mapping of furniture rules", root) }
        let keys = ["version", "continuation-headers", "running-heads", "headings", "title-small-words", "month-names"]
        for (key, value) in mapping {
            guard let name = key.string, keys.contains(name) else {
                throw located("unknown key '\(key.string ?? "")'; expected one of \(quotedList(keys))", key)
            }
            if name == "version" { continue }
            guard let list = value.sequence else { throw located("expected a list for '\(name)'", value) }
            for item in list {
                guard let pattern = item.string else { throw located("expected a string in '\(name)'", item) }
                switch name {
                case "title-small-words": smallWords.insert(pattern.lowercased())
                case "month-names": monthNames.insert(pattern.lowercased())
                default:
                    let regex: LazyRegex
                    if patternsKnown {
                        regex = LazyRegex(known: "^(?:" + pattern + ")$", options: [.caseInsensitive])
                    } else {
                        if let problem = RegexSafety.problem(in: pattern) { throw located("pattern refused: \(problem)", item) }
                        do {
                            regex = LazyRegex(compiled: try NSRegularExpression(pattern: "^(?:" + pattern + ")$", options: [.caseInsensitive]))
                        } catch {
                            throw located("pattern does not compile: \(pattern)", item)
                        }
                    }
                    let rule = Pattern(lazyRegex: regex, rule: "\(file):\(item.mark?.line ?? 0)", openings: Self.openingWords(of: pattern),
                                       plain: patternsKnown ? PlainPattern(pattern) : nil)
                    switch name {
                    case "continuation-headers":
                        continuation.append(rule)
                        if !pattern.lowercased().contains("cont") { continuationPatternsSayCont = false }
                    case "headings": headings.append(rule)
                    default: runningHeads.append(rule)
                    }
                }
            }
        }
    }

    func isContinuationHeader(_ text: String) -> Bool { remembered(lastContinuation, continuation, text) }

    /// A date: the line starts or ends with a month's name ("September 14", "1 September 1937").
    func isDate(_ text: String) -> Bool {
        let words = Self.words(of: text, partedBy: " ,.")
        guard let first = words.first, let last = words.last else { return false }
        return monthNames.contains(first.lowercased()) || monthNames.contains(last.lowercased())
            || (words.count >= 2 && monthNames.contains(words[1].lowercased()) && Int(first) != nil)
    }

    /// An index entry's end: a comma, then a page number ("Beria, L. P., 17").
    static func endsLikeIndexEntry(_ text: String) -> Bool {
        let number = String(text.reversed().prefix(while: { $0.isNumber }).reversed())
        // A year after the comma ends a date ("January 29, 1939").
        guard let page = Int(number), !(1700...2099).contains(page) else { return false }
        let trimmed = text.reversed().drop(while: { $0.isNumber || $0 == " " })
        return trimmed.first == ","
    }

    /// A title's shape: all capitals, or every word capitalised but the small
    /// words; at most twelve words, and no comma, semicolon or period at its end.
    func looksLikeTitle(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        guard (1...EdgeLine.maximumWords).contains(words.count), let last = text.last, !",;.".contains(last),
              text.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) else { return false }
        let letters = text.unicodeScalars.filter { $0.properties.isAlphabetic }
        if letters.allSatisfy({ $0.properties.isUppercase }) { return true }
        return words.allSatisfy { word in
            guard let initial = word.unicodeScalars.first(where: { $0.properties.isAlphabetic }) else { return true }
            return initial.properties.isUppercase || smallWords.contains(word.lowercased())
        }
    }

    /// A heading that is content ("Document 37"), however much it looks like a running head.
    func isHeading(_ text: String) -> Bool { remembered(lastHeading, headings, text) }

    /// `matches(patterns, text)`, answered from `last` when it was the last
    /// line searched; an answer given in time is noted there, none after an overrun.
    private func remembered(_ last: LastSearch, _ patterns: [Pattern], _ text: String) -> Bool {
        guard !overrun.isSet else { return false }
        if let found = last.answer(for: text) { return found }
        let found = matches(patterns, text)
        if !overrun.isSet { last.note(text, found: found) }
        return found
    }

    /// True when one of `patterns` matches `text`, each searched under
    /// `TimedRegexSearch.timeLimit`; one that runs over it is noted in `overrun`
    /// and, like every pattern after it, matches nothing until the stage has reported it.
    /// A built-in pattern of plain parts answers a line of printable ASCII itself (`PlainPattern`, in linear time).
    private func matches(_ patterns: [Pattern], _ text: String) -> Bool {
        patterns.contains { pattern in
            guard !overrun.isSet, pattern.mayMatch(text) else { return false }
            if let found = pattern.plain?.matches(text) { return found }
            var found = false
            let inTime = TimedRegexSearch.enumerateMatches(of: pattern.regex, in: text) { _ in found = true; return false }
            if !inTime { overrun.note(rule: pattern.rule, text: text) }
            return found && !overrun.isSet
        }
    }

    /// The words a pattern must open with when it opens with a group of
    /// literal alternatives and nothing outside that group is an alternative
    /// ("(document|table|no\.)\s+[0-9]+"): each lower-cased, ASCII letters,
    /// digits, spaces and escaped punctuation alone. Nil for any other pattern
    /// (a quantifier after the group, a class or group inside it, `\Q`, a `|` outside it).
    static func openingWords(of pattern: String) -> [[UInt8]]? {
        let bytes = Array(pattern.utf8)
        guard bytes.first == UInt8(ascii: "("), bytes.count > 1, bytes[1] != UInt8(ascii: "?") else { return nil }
        var words: [[UInt8]] = [[]]
        var index = 1
        while true {
            guard index < bytes.count else { return nil }
            let byte = bytes[index]
            if byte == UInt8(ascii: ")") { break }
            if byte == UInt8(ascii: "|") {
                words.append([])
            } else if byte == UInt8(ascii: "\\") {
                // An escaped mark is itself ("\."); an escaped letter or digit is a class or a reference.
                guard index + 1 < bytes.count, bytes[index + 1] < 0x80, !EdgeLine.isASCIILetterOrDigit(bytes[index + 1]) else { return nil }
                words[words.count - 1].append(bytes[index + 1])
                index += 1
            } else if EdgeLine.isASCIILetterOrDigit(byte) || byte == 0x20 {
                words[words.count - 1].append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            } else {
                return nil
            }
            // A quantifier makes what it follows optional.
            if index + 1 < bytes.count, "?*+{".utf8.contains(bytes[index + 1]) { return nil }
            index += 1
        }
        index += 1
        if index < bytes.count, "?*+{".utf8.contains(bytes[index]) { return nil }
        // No alternative outside the group: a `|` outside every group and class.
        var depth = 0, classDepth = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") {
                guard index + 1 < bytes.count, bytes[index + 1] != UInt8(ascii: "Q") else { return nil }
                index += 2
                continue
            }
            if classDepth > 0 {
                if byte == UInt8(ascii: "[") { classDepth += 1 } else if byte == UInt8(ascii: "]") { classDepth -= 1 }
            } else if byte == UInt8(ascii: "[") {
                classDepth = 1
            } else if byte == UInt8(ascii: "(") {
                depth += 1
            } else if byte == UInt8(ascii: ")") {
                depth -= 1
                if depth < 0 { return nil }
            } else if byte == UInt8(ascii: "|") && depth == 0 {
                return nil
            }
            index += 1
        }
        return words
    }

    /// The words of `text` between the ASCII bytes of `separators` (spaces
    /// alone by default), as `split(whereSeparator:)` on those characters
    /// gives them: cut on the bytes when the text is ASCII (each character one
    /// byte), on its characters otherwise (a space that a combining mark
    /// follows is no space there).
    static func words(of text: String, partedBy separators: StaticString = " ") -> [String] {
        var text = text
        let parting = UnsafeBufferPointer(start: separators.utf8Start, count: separators.utf8CodeUnitCount)
        return text.withUTF8 { bytes in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            var words: [String] = []
            var index = 0
            while index < bytes.count {
                while index < bytes.count, parting.contains(bytes[index]) { index += 1 }
                let start = index
                while index < bytes.count, !parting.contains(bytes[index]) { index += 1 }
                if index > start { words.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)) }
            }
            return words
        } ?? text.split(whereSeparator: { $0.utf8.count == 1 && parting.contains($0.utf8.first!) }).map(String.init)
    }

    /// The page number and title of a running head ("128 Closing Ranks",
    /// "Repression andLegality 109"), when the line has that shape.
    /// `screened`: asked first on the bytes (`mayBeRunningHead`, the title's
    /// shape too while no running-head pattern is listed); the answer is the same unscreened.
    func runningHead(_ text: String, screened: Bool = true) -> (Int, String)? {
        if screened { guard Self.mayBeRunningHead(text, titleShape: runningHeads.isEmpty) else { return nil } }
        var words = Self.words(of: text)
        guard words.count >= 2, words.count <= 8 else { return nil }
        let number: Int
        if let first = Int(words[0]), words[0].count <= 4 {
            number = first
            words.removeFirst()
        } else if let last = Int(words[words.count - 1]), words[words.count - 1].count <= 4 {
            number = last
            words.removeLast()
        } else {
            return nil
        }
        let title = words.joined(separator: " ")
        // A year is no page number: "Party Discipline in 1932" is a heading.
        guard number >= 1, !(1700...2099).contains(number) else { return nil }
        if matches(runningHeads, title) { return (number, title) }
        // A title: a capital first, letters and a little punctuation (no comma: "Main
        // Committee, 319" is an index entry), and at least one word of three letters.
        // A year may stand in a title ("The Storm of 1937").
        let isYear = { (word: String) in word.count == 4 && Int(word).map { (1700...2099).contains($0) } == true }
        guard title.count <= 60, let first = title.unicodeScalars.first, first.properties.isUppercase,
              words.allSatisfy({ word in isYear(word) || word.unicodeScalars.allSatisfy(Self.isTitleScalar) }),
              words.contains(where: { $0.count >= 3 && !isYear($0) }) else {
            return nil
        }
        // A date ("3 September 1933") is not a title.
        if monthNames.contains(words[0].lowercased()) || monthNames.contains(words[words.count - 1].lowercased()) { return nil }
        // Every word is capitalised or a small word, also when OCR glued them ("andLegality").
        for word in words where !isYear(word) {
            guard let initial = word.unicodeScalars.first else { continue }
            if initial.properties.isUppercase { continue }
            let lower = word.lowercased()
            if smallWords.contains(lower) { continue }
            let gluedToTitleWord = smallWords.contains { small in
                lower.hasPrefix(small) && word.count > small.count
                    && word.unicodeScalars.dropFirst(small.unicodeScalars.count).first?.properties.isUppercase == true
            }
            guard gluedToTitleWord else { return nil }
        }
        return (number, title)
    }

    /// False when an ASCII `text` has fewer than two or more than eight words
    /// (parted by spaces), or neither its first nor its last word is a number
    /// of at most four characters (`Int` reads it: digits, a sign before them):
    /// what `runningHead` asks first, read on the bytes, no word made. With
    /// `titleShape`, false too when the number it takes is below 1 or a year, or
    /// the other words are no title by the shape `runningHead` asks next (at most
    /// 60 characters, a capital first, each word letters and "'-:&" or a year,
    /// one of three characters that is no year). True for any other text, and
    /// for one beyond ASCII (whose words are characters').
    static func mayBeRunningHead(_ text: String, titleShape: Bool = false) -> Bool {
        var text = text
        return text.withUTF8 { bytes -> Bool in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return true }
            var words = 0
            var first = 0..<0, last = 0..<0
            var index = 0
            while index < bytes.count {
                while index < bytes.count, bytes[index] == 0x20 { index += 1 }
                let start = index
                while index < bytes.count, bytes[index] != 0x20 { index += 1 }
                guard index > start else { break }
                words += 1
                if words == 1 { first = start..<index }
                last = start..<index
            }
            guard words >= 2, words <= 8 else { return false }
            // The value `Int` reads from a word of at most four characters.
            let value = { (word: Range<Int>) -> Int? in
                guard word.count <= 4 else { return nil }
                var digits = word
                let sign = bytes[word.lowerBound]
                if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { digits = word.dropFirst() }
                guard !digits.isEmpty else { return nil }
                var number = 0
                for offset in digits {
                    guard bytes[offset] >= 0x30 && bytes[offset] <= 0x39 else { return nil }
                    number = number * 10 + Int(bytes[offset] - 0x30)
                }
                return sign == UInt8(ascii: "-") ? -number : number
            }
            let number: Int, numberAtStart: Bool
            if let value = value(first) {
                (number, numberAtStart) = (value, true)
            } else if let value = value(last) {
                (number, numberAtStart) = (value, false)
            } else {
                return false
            }
            guard titleShape else { return true }
            guard number >= 1, !(1700...2099).contains(number) else { return false }
            // The title's words: every word but the number's, between runs of spaces.
            let titleBytes = numberAtStart ? first.upperBound..<last.upperBound : first.lowerBound..<last.lowerBound
            var length = 0, titleWords = 0, hasLongWord = false
            index = titleBytes.lowerBound
            while index < titleBytes.upperBound {
                while index < titleBytes.upperBound, bytes[index] == 0x20 { index += 1 }
                let start = index
                while index < titleBytes.upperBound, bytes[index] != 0x20 { index += 1 }
                guard index > start else { break }
                if titleWords == 0 && !(bytes[start] >= 0x41 && bytes[start] <= 0x5A) { return false }
                titleWords += 1
                length += index - start
                let isYear = index - start == 4 && value(start..<index).map { (1700...2099).contains($0) } == true
                if isYear { continue }
                for offset in start..<index where !isTitleByte(bytes[offset]) { return false }
                if index - start >= 3 { hasLongWord = true }
            }
            return hasLongWord && length + titleWords - 1 <= 60
        }
    }

    /// An ASCII byte `isTitleScalar` takes: a letter or one of "'-:&".
    private static func isTitleByte(_ byte: UInt8) -> Bool {
        let folded = byte | 0x20
        return (folded >= 0x61 && folded <= 0x7A) || byte == 0x27 || byte == 0x2D || byte == 0x3A || byte == 0x26
    }

    /// A letter or a mark a running head's title may hold ("'’-:&"): an
    /// ASCII scalar read by its value (the letters are ASCII's alphabetic
    /// scalars), any other by its properties.
    static func isTitleScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value | 0x20
            return (value >= 0x61 && value <= 0x7A) || "'-:&".unicodeScalars.contains(scalar)
        }
        return scalar.properties.isAlphabetic || scalar == "’"
    }

    /// A title compared without spaces or case, so OCR's lost spaces do not matter.
    static func titleKey(_ title: String) -> String {
        String(title.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic }.map(Character.init))
    }
}
