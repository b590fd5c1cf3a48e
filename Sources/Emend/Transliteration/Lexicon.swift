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
            guard let text = try library.text(of: path) else { continue }
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
/// Debian's hunspell-ru by `scripts/build-russian-lexicon.py`), or the name
/// forms of `russian-names.txt` (OpenCorpora, `scripts/build-russian-names.py`),
/// whose lines add a tab and the form's name classes (see `classes(of:)`).
/// Looked up by binary search over one byte buffer: no per-word allocation.
public final class RussianWordList: @unchecked Sendable {
    private let bytes: [UInt8]
    private let starts: [Int32]
    public let path: String

    public var count: Int { starts.count }

    public init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RuleFileError(file: path, message: "no such word list '\(path)'")
        }
        guard data.count < Int(Int32.max) else {
            throw RuleFileError(file: path, message: "word list is larger than 2 GB")
        }
        self.path = path
        let bytes = Array(data)
        let (starts, unsorted) = Self.index(bytes)
        self.bytes = bytes
        self.starts = starts
        if let offset = unsorted {
            let line = 1 + bytes[..<offset].reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
            throw RuleFileError(file: path, location: SourceLocation(file: path, line: line, column: 1),
                                message: "word list is not sorted in UTF-8 byte order (or repeats a word)")
        }
    }

    /// The start of every word line (blank lines and `#` comments skipped),
    /// and the offset of the first word not after its predecessor in byte
    /// order, if any. Lines are found with memchr and compared with memcmp: a
    /// list of a million words loads in milliseconds, also in a debug build.
    private static func index(_ bytes: [UInt8]) -> (starts: [Int32], unsorted: Int?) {
        var starts: [Int32] = []
        starts.reserveCapacity(bytes.count / 16)
        var unsorted: Int?
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let count = buffer.count
            var lineStart = 0, previousStart = -1, previousLength = 0
            while lineStart < count {
                let lineEnd = memchr(base + lineStart, 0x0A, count - lineStart).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? count
                let length = lineEnd - lineStart
                if length > 0 && base[lineStart] != UInt8(ascii: "#") {
                    if previousStart >= 0 && unsorted == nil {
                        let order = memcmp(base + previousStart, base + lineStart, min(previousLength, length))
                        if order > 0 || (order == 0 && previousLength >= length) { unsorted = lineStart }
                    }
                    starts.append(Int32(lineStart))
                    previousStart = lineStart
                    previousLength = length
                }
                lineStart = lineEnd + 1
            }
        }
        return (starts, unsorted)
    }

    /// Compares the word starting at `start` with `key`, in byte order.
    private func compare(_ start: Int, _ key: ArraySlice<UInt8>) -> Int {
        var index = start
        for byte in key {
            guard index < bytes.count, bytes[index] != 0x0A, bytes[index] != 0x09 else { return -1 }
            if bytes[index] != byte { return bytes[index] < byte ? -1 : 1 }
            index += 1
        }
        return index < bytes.count && bytes[index] != 0x0A && bytes[index] != 0x09 ? 1 : 0
    }

    /// True when the lower-case word form is in the list.
    public func contains(_ word: String) -> Bool { line(of: word) != nil }

    /// The start of the word's line, or nil when it is not listed.
    private func line(of word: String) -> Int? {
        let key = ArraySlice(Array(word.utf8))
        var low = 0, high = starts.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let order = compare(Int(starts[middle]), key)
            if order == 0 { return Int(starts[middle]) }
            if order < 0 { low = middle + 1 } else { high = middle - 1 }
        }
        return nil
    }

    /// True when some listed word starts with `prefix` (lower case): a reading
    /// built letter by letter is dropped as soon as no word starts so.
    public func hasWord(startingWith prefix: String) -> Bool {
        let key = Array(prefix.utf8)
        var low = 0, high = starts.count
        while low < high {  // the first word not before the prefix
            let middle = (low + high) / 2
            if compare(Int(starts[middle]), key[...]) < 0 { low = middle + 1 } else { high = middle }
        }
        guard low < starts.count else { return false }
        let start = Int(starts[low])
        guard start + key.count <= bytes.count else { return false }
        for (offset, byte) in key.enumerated() where bytes[start + offset] != byte { return false }
        return true
    }

    /// How many listed words end in `ending` (lower case; its last 16 bytes,
    /// eight Cyrillic letters, at most). The first call sorts the words' ends
    /// once (a few tens of milliseconds for the name list); later ones search.
    public func count(endingWith ending: String) -> Int {
        let key = Array(ending.utf8.suffix(16).reversed())
        guard !key.isEmpty else { return count }
        let ends = reversedEnds()
        var low = (UInt64(0), UInt64(0)), high = (UInt64.max, UInt64.max)
        for (index, byte) in key.enumerated() {
            let shift = UInt64(8 * (7 - index % 8))
            if index < 8 {
                low.0 |= UInt64(byte) << shift
                high.0 = high.0 & ~(UInt64(0xFF) << shift) | UInt64(byte) << shift
            } else {
                low.1 |= UInt64(byte) << shift
                high.1 = high.1 & ~(UInt64(0xFF) << shift) | UInt64(byte) << shift
            }
        }
        func firstIndex(notBefore bound: (UInt64, UInt64), after: Bool) -> Int {
            var lowIndex = 0, highIndex = ends.count
            while lowIndex < highIndex {
                let middle = (lowIndex + highIndex) / 2
                let end = ends[middle]
                if end < bound || (after && end == bound) { lowIndex = middle + 1 } else { highIndex = middle }
            }
            return lowIndex
        }
        return firstIndex(notBefore: high, after: true) - firstIndex(notBefore: low, after: false)
    }

    private let endsLock = NSLock()
    private var sortedEnds: [(UInt64, UInt64)]?

    /// Every word's last 16 bytes, last byte first (zeros after a shorter word), sorted.
    private func reversedEnds() -> [(UInt64, UInt64)] {
        endsLock.lock()
        defer { endsLock.unlock() }
        if let sortedEnds { return sortedEnds }
        var ends: [(UInt64, UInt64)] = []
        ends.reserveCapacity(starts.count)
        bytes.withUnsafeBufferPointer { buffer in
            for start in starts {
                var end = Int(start)
                while end < buffer.count, buffer[end] != 0x0A, buffer[end] != 0x09 { end += 1 }
                var key = (UInt64(0), UInt64(0)), index = 0
                var position = end - 1
                while position >= Int(start), index < 16 {
                    let shift = UInt64(8 * (7 - index % 8))
                    if index < 8 { key.0 |= UInt64(buffer[position]) << shift } else { key.1 |= UInt64(buffer[position]) << shift }
                    index += 1
                    position -= 1
                }
                ends.append(key)
            }
        }
        ends.sort { $0 < $1 }
        sortedEnds = ends
        return ends
    }

    /// Calls `body` with each listed word's position in the list and its
    /// bytes (the word alone, without its classes), in list order.
    public func forEachWord(_ body: (Int, UnsafeBufferPointer<UInt8>) -> Void) {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for (position, start) in starts.enumerated() {
                var end = Int(start)
                while end < buffer.count, buffer[end] != 0x0A, buffer[end] != 0x09 { end += 1 }
                body(position, UnsafeBufferPointer(start: base + Int(start), count: end - Int(start)))
            }
        }
    }

    /// The field after the word's tab (in `russian-names.txt`, its name
    /// classes: s surname, n first name, p patronymic, g place, a capital for
    /// the nominative singular: ежов → "S"); "" when the line has none, nil
    /// when the word is not listed.
    public func classes(of word: String) -> String? {
        guard let start = line(of: word) else { return nil }
        var index = start + word.utf8.count
        guard index < bytes.count, bytes[index] == 0x09 else { return "" }
        index += 1
        var end = index
        while end < bytes.count && bytes[end] != 0x0A { end += 1 }
        return String(decoding: bytes[index..<end], as: UTF8.self)
    }

    /// The default word list, loaded; when none is found, an error naming the
    /// file and how to generate it (a conversion that needs the list never
    /// runs without it, reporting every reading as unconfirmed).
    public static func loadDefault(library: RuleLibrary = .builtIn) throws -> RussianWordList {
        try loadList(relativePath, library: library, missing: missing)
    }

    /// The list at `relative` under the rules folder given, else where
    /// `defaultPath` finds it; `missing`'s error when there is none. A rules
    /// folder's own copy comes first, and a link out of the folder is an error.
    private static func loadList(_ relative: String, library: RuleLibrary,
                                 missing: (RuleLibrary) -> RuleFileError) throws -> RussianWordList {
        guard let path = try library.localFile(relative) ?? defaultPath(library: library, relativePath: relative) else {
            throw missing(library)
        }
        return try RussianWordList(path: path)
    }

    /// The error of a missing default word list: the file, where it was
    /// looked for, and the commands that make or install it.
    public static func missing(library: RuleLibrary = .builtIn) -> RuleFileError {
        missingFile(relativePath, library: library,
                    message: "the Russian word list is missing: reading a lossy scheme or the Russian words of English prose needs it",
                    make: "generate it in the source tree with 'python3 scripts/build-russian-lexicon.py' (from Debian's hunspell-ru; "
                        + "scripts/setup runs it), or name a word list with --words FILE (emend translit; the words stage option)")
    }

    /// The default name list (`lexicon/russian-names.txt`), loaded; when none
    /// is found, an error naming the file and the script that makes it
    /// (reading the Russian words of English prose never runs without it).
    public static func loadDefaultNames(library: RuleLibrary = .builtIn) throws -> RussianWordList {
        try loadList(namesRelativePath, library: library, missing: missingNames)
    }

    /// The error of a missing default name list.
    public static func missingNames(library: RuleLibrary = .builtIn) -> RuleFileError {
        missingFile(namesRelativePath, library: library,
                    message: "the Russian name list is missing: reading the Russian words of English prose needs it",
                    make: "generate it in the source tree with 'python3 scripts/build-russian-names.py' (from OpenCorpora, "
                        + "PyPI pymorphy3-dicts-ru; scripts/setup runs it), or name a name list with --names FILE (emend translit; the names stage option)")
    }

    /// The default surname and first-name list (`lexicon/russian-surnames.txt`,
    /// natasha), loaded; when none is found, an error naming the file and the
    /// script that makes it (a word that needs it never converts without it).
    public static func loadDefaultSurnames(library: RuleLibrary = .builtIn) throws -> RussianWordList {
        try loadList(surnamesRelativePath, library: library, missing: missingSurnames)
    }

    /// The error of a missing default surname list.
    public static func missingSurnames(library: RuleLibrary = .builtIn) -> RuleFileError {
        missingFile(surnamesRelativePath, library: library,
                    message: "the surname list is missing: reading a capitalised word of English prose that no other list confirms needs it",
                    make: "generate it in the source tree with 'python3 scripts/build-russian-surnames.py' (from PyPI natasha; "
                        + "scripts/setup runs it), or put one in the folder given with --rules")
    }

    /// The default list of the English-speaking world's names (`lexicon/world-names.txt`,
    /// the 1990 United States census), loaded; when none is found, an error
    /// naming the file and the script that makes it.
    public static func loadDefaultWorldNames(library: RuleLibrary = .builtIn) throws -> RussianWordList {
        try loadList(worldNamesRelativePath, library: library, missing: missingWorldNames)
    }

    /// The error of a missing default list of the world's names.
    public static func missingWorldNames(library: RuleLibrary = .builtIn) -> RuleFileError {
        missingFile(worldNamesRelativePath, library: library,
                    message: "the list of the English-speaking world's names is missing: reading a capitalised word of English prose as a Russian name needs it",
                    make: "generate it in the source tree with 'python3 scripts/build-world-names.py' (from PyPI names; "
                        + "scripts/setup runs it), or put one in the folder given with --rules")
    }

    /// The default list of Russian word frequencies (`lexicon/russian-frequencies.txt`,
    /// wordfreq), loaded; when none is found, an error naming the file and the
    /// script that makes it (a word that needs it never converts without it).
    public static func loadDefaultFrequencies(library: RuleLibrary = .builtIn) throws -> RussianWordList {
        try loadList(frequenciesRelativePath, library: library, missing: missingFrequencies)
    }

    /// The error of a missing default frequency list.
    public static func missingFrequencies(library: RuleLibrary = .builtIn) -> RuleFileError {
        missingFile(frequenciesRelativePath, library: library,
                    message: "the Russian word frequencies are missing: reading a capitalised word of English prose that no list confirms needs them",
                    make: frequenciesMake)
    }

    /// The default list of English word frequencies (`lexicon/english-frequencies.txt`,
    /// wordfreq), loaded; when none is found, an error naming the file and the
    /// script that makes it.
    public static func loadDefaultEnglishFrequencies(library: RuleLibrary = .builtIn) throws -> RussianWordList {
        try loadList(englishFrequenciesRelativePath, library: library, missing: missingEnglishFrequencies)
    }

    /// The error of a missing default English frequency list.
    public static func missingEnglishFrequencies(library: RuleLibrary = .builtIn) -> RuleFileError {
        missingFile(englishFrequenciesRelativePath, library: library,
                    message: "the English word frequencies are missing: reading a capitalised word of English prose that no list confirms needs them",
                    make: frequenciesMake)
    }

    /// How to make either frequency list: one script writes both.
    private static let frequenciesMake = "generate them in the source tree with 'python3 scripts/build-russian-frequencies.py' "
        + "(from PyPI wordfreq; scripts/setup runs it), or put a list in the folder given with --rules"

    /// A word's Zipf frequency times ten in a frequency list (`lexicon/russian-frequencies.txt`:
    /// 10 is once in a hundred million words, 40 once in a hundred thousand); nil when the list
    /// lacks the word or gives it no number.
    public func zipfTimesTen(of word: String) -> Int? {
        classes(of: word).flatMap { Int($0) }
    }

    private static func missingFile(_ relative: String, library: RuleLibrary, message: String, make: String) -> RuleFileError {
        let file = library.directory.map { ($0 as NSString).appendingPathComponent(relative) } ?? "rules/" + relative
        var notes = [make]
        if let installed = installedPath(relativePath: relative) {
            notes.append("an installed emend reads it from \(installed): 'scripts/install --prefix DIR' puts it there")
        }
        return RuleFileError(file: file, message: message, notes: notes)
    }

    /// Where the word list sits under a rule directory, a checkout's `rules/`
    /// or an installation's `share/emend/rules/`.
    static let relativePath = "lexicon/russian-words.txt"
    /// Where the name list sits, likewise.
    static let namesRelativePath = "lexicon/russian-names.txt"
    /// Where the surname list sits, likewise.
    static let surnamesRelativePath = "lexicon/russian-surnames.txt"
    /// Where the list of the world's names sits, likewise.
    static let worldNamesRelativePath = "lexicon/world-names.txt"
    /// Where the frequency list sits, likewise.
    static let frequenciesRelativePath = "lexicon/russian-frequencies.txt"
    /// Where the English frequency list sits, likewise.
    static let englishFrequenciesRelativePath = "lexicon/english-frequencies.txt"

    /// The word list of an installation: `PREFIX/share/emend/rules/lexicon/russian-words.txt`
    /// for a binary in `PREFIX/bin` (symbolic links to it resolved); nil when
    /// the running program's path is unknown.
    static func installedPath(relativePath: String = "lexicon/russian-words.txt") -> String? {
        guard let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() else { return nil }
        return executable.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("share/emend/rules").appendingPathComponent(relativePath).path
    }

    /// Looks for the word list, first found wins: `lexicon/russian-words.txt`
    /// in the rule directory given; the installation's copy beside the running
    /// binary (`../share/emend/rules/`, as `scripts/install` lays it out);
    /// the `rules/` folder of the checkout the binary was built in (walking up
    /// from the executable to a folder with the package's Package.swift).
    /// Nothing else: a copy of the binary with neither finds no list and says so.
    public static func defaultPath(library: RuleLibrary = .builtIn, relativePath: String = "lexicon/russian-words.txt") -> String? {
        var candidates: [String] = []
        if let directory = library.directory { candidates.append((directory as NSString).appendingPathComponent(relativePath)) }
        if let installed = installedPath(relativePath: relativePath) { candidates.append(installed) }
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            var directory = executable.deletingLastPathComponent()
            for _ in 0..<6 {
                // Only a source checkout (its Package.swift beside rules/): a copied
                // binary never reads a rules/ folder that happens to lie above it.
                if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                    candidates.append(directory.appendingPathComponent("rules").appendingPathComponent(relativePath).path)
                }
                directory = directory.deletingLastPathComponent()
            }
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }
}
