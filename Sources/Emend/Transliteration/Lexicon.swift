import Foundation

/// Cyrillic headwords with what emend should know of them, read from
/// `rules/lexicon/*.txt`: one entry a line, the headword, then tab-separated
/// fields. `acronym` marks a word written letter by letter (РЦХИДНИ →
/// RTsKhIDNI, not RTSKHIDNI); `SCHEME=Form` or `all=Form` pins a conventional
/// spelling (Троцкий  popular=Trotsky). `#` starts a comment.
public struct HeadwordLexicon: Sendable {
    public struct Entry: Sendable, Equatable {
        public var headword: String
        public var isAcronym = false
        /// Pinned spellings by scheme name (`all` for every Latin scheme).
        public var pinned: [String: String] = [:]
    }

    public private(set) var entries: [String: Entry] = [:]

    public init() {}

    /// Parses lexicon text; `file` names it in errors.
    public init(text: String, file: String) throws {
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            guard !line.allSatisfy({ $0 == " " || $0 == "\t" }) else { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            let headword = fields[0].trimmingCharacters(in: .whitespaces)
            func fail(_ message: String, column: Int) -> RuleFileError {
                RuleFileError(file: file, location: SourceLocation(file: file, line: lineNumber, column: column),
                              message: message, sourceLine: String(rawLine))
            }
            guard !headword.isEmpty, headword.unicodeScalars.allSatisfy({ Self.isCyrillicWordScalar($0) }) else {
                throw fail("a headword must be a Cyrillic word, found '\(headword)'", column: 1)
            }
            var entry = entries[headword] ?? Entry(headword: headword)
            var column = fields[0].unicodeScalars.count + 2
            for field in fields.dropFirst() {
                let text = field.trimmingCharacters(in: .whitespaces)
                defer { column += field.unicodeScalars.count + 1 }
                if text.isEmpty { continue }
                if text == "acronym" { entry.isAcronym = true; continue }
                let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
                let schemes = ["all"] + TransliterationSchemes.names
                guard parts.count == 2, !parts[1].isEmpty else {
                    throw fail("unknown field '\(text)'; expected 'acronym' or SCHEME=Form", column: column)
                }
                guard schemes.contains(parts[0]) else {
                    let hint = closestMatch(to: parts[0], in: schemes).map { " (did you mean '\($0)'?)" } ?? ""
                    throw fail("unknown scheme '\(parts[0])'\(hint); expected one of \(quotedList(schemes))", column: column)
                }
                entry.pinned[parts[0]] = parts[1]
            }
            entries[headword] = entry
        }
    }

    static func isCyrillicWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        (0x0400...0x052F).contains(scalar.value) || (0x0300...0x036F).contains(scalar.value) || scalar == "-"
    }

    public func entry(_ headword: String) -> Entry? { entries[headword] }

    /// Adds the entries of `other`, which win where both have one.
    public mutating func merge(_ other: HeadwordLexicon) {
        entries.merge(other.entries) { _, new in new }
    }

    /// The built-in headword lexicons: `rules/lexicon/headwords.txt` (acronyms)
    /// and `rules/lexicon/names.txt` (names, places, institutions, terms).
    public static func builtIn(library: RuleLibrary = .builtIn) throws -> HeadwordLexicon {
        var lexicon = HeadwordLexicon()
        for path in ["lexicon/headwords.txt", "lexicon/names.txt"] {
            guard let text = library.text(of: path) else { continue }
            lexicon.merge(try HeadwordLexicon(text: text, file: library.displayName(of: path)))
        }
        return lexicon
    }

    public static func load(path: String) throws -> HeadwordLexicon {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RuleFileError(file: path, message: "no such lexicon file '\(path)'")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RuleFileError(file: path, message: "lexicon is not valid UTF-8")
        }
        return try HeadwordLexicon(text: text, file: path)
    }
}

/// Russian word forms, lower case, one a line in UTF-8 byte order (built from
/// Debian's hunspell-ru by `scripts/build-russian-lexicon.py`). Looked up by
/// binary search over one byte buffer: no per-word allocation.
public final class RussianWordList: @unchecked Sendable {
    private let bytes: [UInt8]
    private let starts: [Int32]
    public let path: String

    public var count: Int { starts.count }

    public init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RuleFileError(file: path, message: "no such word list '\(path)'")
        }
        self.path = path
        bytes = Array(data)
        var starts: [Int32] = []
        starts.reserveCapacity(bytes.count / 10)
        var lineStart = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x0A {
            if index > lineStart && bytes[lineStart] != UInt8(ascii: "#") { starts.append(Int32(lineStart)) }
            lineStart = index + 1
        }
        self.starts = starts
        for index in 1..<max(1, starts.count) where compare(Int(starts[index - 1]), word(at: index)) >= 0 {
            throw RuleFileError(file: path, location: SourceLocation(file: path, line: index + 1, column: 1),
                                message: "word list is not sorted in UTF-8 byte order (or repeats a word)")
        }
    }

    private func word(at index: Int) -> ArraySlice<UInt8> {
        let start = Int(starts[index])
        var end = start
        while end < bytes.count && bytes[end] != 0x0A { end += 1 }
        return bytes[start..<end]
    }

    /// Compares the word starting at `start` with `key`, in byte order.
    private func compare(_ start: Int, _ key: ArraySlice<UInt8>) -> Int {
        var index = start
        for byte in key {
            guard index < bytes.count, bytes[index] != 0x0A else { return -1 }
            if bytes[index] != byte { return bytes[index] < byte ? -1 : 1 }
            index += 1
        }
        return index < bytes.count && bytes[index] != 0x0A ? 1 : 0
    }

    /// True when the lower-case word form is in the list.
    public func contains(_ word: String) -> Bool {
        let key = ArraySlice(Array(word.utf8))
        var low = 0, high = starts.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let order = compare(Int(starts[middle]), key)
            if order == 0 { return true }
            if order < 0 { low = middle + 1 } else { high = middle - 1 }
        }
        return false
    }

    /// The default word list, loaded; when none is found, an error naming the
    /// file and how to generate it (a conversion that needs the list never
    /// runs without it, reporting every reading as unconfirmed).
    public static func loadDefault(library: RuleLibrary = .builtIn) throws -> RussianWordList {
        guard let path = defaultPath(library: library) else { throw missing(library: library) }
        return try RussianWordList(path: path)
    }

    /// The error of a missing default word list.
    public static func missing(library: RuleLibrary = .builtIn) -> RuleFileError {
        let file = library.directory.map { ($0 as NSString).appendingPathComponent("lexicon/russian-words.txt") }
            ?? "rules/lexicon/russian-words.txt"
        return RuleFileError(
            file: file,
            message: "the Russian word list is missing: reading a lossy scheme or the Russian words of English prose needs it",
            notes: ["generate it in the source tree with 'python3 scripts/build-russian-lexicon.py' (from Debian's hunspell-ru; "
                    + "scripts/setup runs it), or name a word list with --words FILE"])
    }

    /// Looks for the word list: `rules/lexicon/russian-words.txt` in the rule
    /// directory given, else beside the running binary's checkout (walking up
    /// from the executable), else under /usr/local/share/emend and /usr/share/emend.
    public static func defaultPath(library: RuleLibrary = .builtIn) -> String? {
        let relative = "lexicon/russian-words.txt"
        var candidates: [String] = []
        if let directory = library.directory { candidates.append((directory as NSString).appendingPathComponent(relative)) }
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            var directory = executable.deletingLastPathComponent()
            for _ in 0..<6 {
                candidates.append(directory.appendingPathComponent("rules").appendingPathComponent(relative).path)
                directory = directory.deletingLastPathComponent()
            }
        }
        candidates += ["/usr/local/share/emend/rules/\(relative)", "/usr/share/emend/rules/\(relative)"]
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }
}
