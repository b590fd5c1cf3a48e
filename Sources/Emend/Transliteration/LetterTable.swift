/// A Cyrillic → Latin scheme as a context-sensitive letter table, read from a
/// rule file (`rules/translit/bgn-letters.tsv`; the format is described at the
/// top of that file): each letter becomes a Latin string chosen by the letter
/// before it (or the word start) and the letter after it (or the word end).
///
/// Converts only what it can do exactly: a Cyrillic word of two letters or more,
/// every letter in the table, in lower case or Title case, with no entry that
/// defers. Any other word is declined and goes through the scheme's ICU rules,
/// which stay the reference. Works on UTF-8 bytes; converting allocates nothing.
package struct LetterTable: Sendable {
    /// The lower-case letters the table has entries for, in the file's order.
    public let alphabet: String
    /// Owns the compiled table's memory.
    private let storage: Storage

    /// The compiled table as plain pointers, copied without reference counting
    /// on the hot path; valid while the table that gave it lives.
    var compiled: Compiled { storage.compiled }

    struct Compiled {
        /// Per basic Cyrillic letter (U+0400–U+047F, indexed by its offset): 0 when
        /// not in the table, else the letter's index + 1, with 0x80 set for a capital.
        let codes: UnsafeMutablePointer<UInt8>
        /// Context class of the letter before (index 0: the word start, i + 1: letter i).
        let afterClasses: UnsafeMutablePointer<Int>
        /// Context class of the letter after (index 0: the word end, i + 1: letter i).
        let beforeClasses: UnsafeMutablePointer<Int>
        let afterClassCount: Int
        let beforeClassCount: Int
        /// Packed outputs by (letter, after class, before class): up to 7 bytes
        /// little-endian, the length in the top byte; `declined` when no entry says.
        let outputs: UnsafeMutablePointer<UInt64>
        /// Packed outputs of a Title-case word's first letter, by (letter, before class).
        let titleOutputs: UnsafeMutablePointer<UInt64>
    }

    private final class Storage: @unchecked Sendable {
        let compiled: Compiled

        init(codes: [UInt8], afterClasses: [Int], beforeClasses: [Int], afterClassCount: Int, beforeClassCount: Int,
             outputs: [UInt64], titleOutputs: [UInt64]) {
            func copy<T>(_ array: [T]) -> UnsafeMutablePointer<T> {
                let pointer = UnsafeMutablePointer<T>.allocate(capacity: array.count)
                pointer.initialize(from: array, count: array.count)
                return pointer
            }
            compiled = Compiled(codes: copy(codes), afterClasses: copy(afterClasses), beforeClasses: copy(beforeClasses),
                                afterClassCount: afterClassCount, beforeClassCount: beforeClassCount,
                                outputs: copy(outputs), titleOutputs: copy(titleOutputs))
        }

        deinit {
            compiled.codes.deallocate()
            compiled.afterClasses.deallocate()
            compiled.beforeClasses.deallocate()
            compiled.outputs.deallocate()
            compiled.titleOutputs.deallocate()
        }
    }

    static let declined: UInt64 = 0xFF << 56
    /// The most UTF-8 bytes one letter's Latin may take.
    public static let maximumLatinBytes = 7

    /// Converts one word (its UTF-8 bytes): the Latin, or nil when the table
    /// declines the word.
    public func convert(_ word: [UInt8]) -> [UInt8]? {
        let capacity = word.count * 4 + 8
        var result: [UInt8]?
        word.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress else { return }
            let output = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            defer { output.deallocate() }
            if let (end, written) = convertWord(base, from: 0, limit: word.count, into: output), end == word.count {
                result = Array(UnsafeBufferPointer(start: output, count: written))
            }
        }
        return result
    }

    /// Converts the Cyrillic word that starts at `start` (a letter) and writes
    /// its Latin at `output`, which must have room for 4 bytes per input byte
    /// of the word plus 8. Returns where the word ends and the bytes written,
    /// or nil when the table declines it (nothing past `output` is meaningful
    /// then). The word ends where the letters and combining marks do, as
    /// `WordScanner` finds them.
    public func convertWord(_ source: UnsafePointer<UInt8>, from start: Int, limit: Int,
                            into output: UnsafeMutablePointer<UInt8>) -> (end: Int, written: Int)? {
        withExtendedLifetime(storage) { storage.compiled.convertWord(source, from: start, limit: limit, into: output) }
    }
}

extension LetterTable.Compiled {
    /// `LetterTable.convertWord`, without reference counting.
    @inline(__always)
    func convertWord(_ source: UnsafePointer<UInt8>, from start: Int, limit: Int,
                     into output: UnsafeMutablePointer<UInt8>) -> (end: Int, written: Int)? {
        // A lead byte counts only with a continuation byte after it: D0 20 is
        // not Р (bytes that are not UTF-8 go to ICU as they did before).
        @inline(__always) func code(at index: Int) -> UInt8 {
            guard index + 1 < limit, source[index] & 0xFE == 0xD0, source[index + 1] & 0xC0 == 0x80 else { return 0 }
            return codes[Int(source[index] & 1) << 6 | Int(source[index + 1] & 0x3F)]
        }
        let first = code(at: start)
        guard first != 0 else { return nil }
        let isTitle = first & 0x80 != 0
        var letter = Int(first & 0x7F) - 1
        var after = afterClasses[0]
        var index = start + 2
        var written = 0
        var isFirst = true
        while true {
            let next = code(at: index)
            let before: Int
            if next != 0 {
                guard next & 0x80 == 0 else { return nil }  // a capital inside the word
                before = beforeClasses[Int(next)]
            } else {
                // The word ends here, unless a letter or mark not in the table goes on.
                guard !isFirst, WordScanner.cyrillicWordPartLength(source, at: index, limit: limit) == 0 else { return nil }
                before = beforeClasses[0]
            }
            // Indices stay far below overflow: wrapping arithmetic, no checks.
            let packed = isFirst && isTitle
                ? titleOutputs[letter &* beforeClassCount &+ before]
                : outputs[(letter &* afterClassCount &+ after) &* beforeClassCount &+ before]
            guard packed != LetterTable.declined else { return nil }
            UnsafeMutableRawPointer(output + written).storeBytes(of: packed.littleEndian, as: UInt64.self)
            written &+= Int(packed >> 56)
            guard next != 0 else { return (index, written) }
            after = afterClasses[letter &+ 1]
            letter = Int(next) &- 1
            index &+= 2
            isFirst = false
        }
    }
}

// MARK: Loading

extension LetterTable {
    /// The letter table file `file` (relative to `rules/translit/`) of `library`.
    public static func load(_ file: String, library: RuleLibrary) throws -> LetterTable {
        let path = "translit/" + file
        let name = library.displayName(of: path)
        guard let text = try library.text(of: path) else {
            throw RuleFileError(file: name, message: "no such letter table '\(name)'")
        }
        return try LetterTable(text: text, file: name)
    }

    /// One line of the table file: a letter (or several), its Latin, its contexts.
    private struct Entry {
        var letters: [Unicode.Scalar]
        var isCapital: Bool
        /// nil: (defer); empty: (none).
        var latin: [UInt8]?
        /// nil: any; else the letters, with `edge` for ^ (after) or $ (before).
        var after: Set<Unicode.Scalar>?
        var before: Set<Unicode.Scalar>?
        var line: Int
        var sourceLine: String
    }

    /// Stands for the word start or end in a context set.
    private static let edge: Unicode.Scalar = "\u{0}"

    /// Parses and compiles a letter table; `file` names it in errors.
    public init(text: String, file: String) throws {
        var sets: [String: (letters: Set<Unicode.Scalar>, line: Int)] = [:]
        var entries: [Entry] = []
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        for (index, line) in lines.enumerated() {
            guard !line.hasPrefix("#"), !line.allSatisfy({ $0 == " " || $0 == "\t" }) else { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            func fail(_ message: String, field: Int = 0, notes: [String] = []) -> RuleFileError {
                let column = fields.prefix(field).reduce(1) { $0 + $1.unicodeScalars.count + 1 }
                return RuleFileError(file: file, location: SourceLocation(file: file, line: index + 1, column: column),
                                     message: message, notes: notes, sourceLine: String(line))
            }
            /// The letters a context names: ^ or $ (`edgeMark`), set names, Cyrillic letters.
            func context(_ field: Int, edgeMark: String) throws -> Set<Unicode.Scalar>? {
                guard field < fields.count, !fields[field].isEmpty else { return nil }
                var letters: Set<Unicode.Scalar> = []
                for item in fields[field].split(separator: " ").map(String.init) {
                    if item == edgeMark {
                        letters.insert(Self.edge)
                    } else if item == "^" || item == "$" {
                        throw fail("'\(item)' does not stand in \(field == 2 ? "AFTER" : "BEFORE"); "
                                   + "the word \(field == 2 ? "start" : "end") is '\(edgeMark)'", field: field)
                    } else if let set = sets[item] {
                        letters.formUnion(set.letters)
                    } else if item.unicodeScalars.allSatisfy({ $0.isASCII }) {
                        let hint = closestMatch(to: item, in: Array(sets.keys)).map { " (did you mean '\($0)'?)" } ?? ""
                        throw fail("unknown set '\(item)'\(hint); a set is named by a 'set' line above", field: field)
                    } else {
                        letters.formUnion(try Self.lowerCaseLetters(item, what: "a context") { fail($0, field: field) })
                    }
                }
                return letters
            }

            if fields[0] == "set" {
                guard fields.count == 3, !fields[1].isEmpty, !fields[2].isEmpty else {
                    throw fail("a set line is 'set', a name and its letters, separated by tabs")
                }
                let name = fields[1]
                guard name.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic && $0.isASCII || $0 == "-" || $0 == "_" })
                else { throw fail("a set name is ASCII letters, '-' and '_', found '\(name)'", field: 1) }
                if let earlier = sets[name] { throw fail("set '\(name)' is already defined on line \(earlier.line)", field: 1) }
                let letters = try Self.lowerCaseLetters(fields[2].replacingOccurrences(of: " ", with: ""), what: "a set") {
                    fail($0, field: 2)
                }
                sets[name] = (letters, index + 1)
                continue
            }
            guard fields.count >= 2 else {
                throw fail("expected LETTERS, a tab and LATIN, then optionally AFTER and BEFORE (see the top of the file)")
            }
            guard fields.count <= 4 else { throw fail("too many fields: an entry is LETTERS, LATIN, AFTER, BEFORE", field: 4) }
            let letters = Array(fields[0].unicodeScalars)
            guard !letters.isEmpty, letters.allSatisfy(Self.isTableLetter) else {
                throw fail("LETTERS must be Cyrillic letters of U+0400–U+047F, found '\(fields[0])'")
            }
            let isCapital = letters[0].properties.isUppercase
            guard letters.allSatisfy({ $0.properties.isUppercase == isCapital }) else {
                throw fail("LETTERS are all lower case or all capitals, found '\(fields[0])'")
            }
            let latin = fields[1]
            guard !latin.isEmpty else {
                throw fail("LATIN is empty; write what the letter becomes, (none) or (defer)", field: 1)
            }
            guard latin == "(defer)" || latin.utf8.count <= Self.maximumLatinBytes else {
                throw fail("LATIN '\(latin)' is \(latin.utf8.count) bytes of UTF-8; a letter's Latin takes at most "
                           + "\(Self.maximumLatinBytes)", field: 1)
            }
            let after = try context(2, edgeMark: "^")
            if isCapital, after != nil {
                throw fail("a capital entry applies to the first letter of a word: it takes no AFTER", field: 2)
            }
            let bytes: [UInt8]? = switch latin {
            case "(defer)": nil
            case "(none)": []
            default: Array(latin.utf8)
            }
            entries.append(Entry(letters: letters, isCapital: isCapital, latin: bytes,
                                 after: after, before: try context(3, edgeMark: "$"), line: index + 1,
                                 sourceLine: String(line)))
        }
        try self.init(entries: entries, file: file)
    }

    /// True for a letter the table can hold: basic Cyrillic, two bytes of UTF-8 led by D0 or D1.
    private static func isTableLetter(_ scalar: Unicode.Scalar) -> Bool {
        (0x0400...0x047F).contains(scalar.value) && scalar.properties.isAlphabetic
    }

    /// The lower-case table letters of `text`, or the error `fail` makes.
    private static func lowerCaseLetters(_ text: String, what: String,
                                         fail: (String) -> RuleFileError) throws -> Set<Unicode.Scalar> {
        for scalar in text.unicodeScalars where !isTableLetter(scalar) || scalar.properties.isUppercase {
            guard !isTableLetter(scalar) else {
                throw fail("\(what) names lower-case letters (contexts compare letters in lower case), found '\(scalar)'")
            }
            let hex = String(scalar.value, radix: 16, uppercase: true)
            throw fail("\(what) names Cyrillic letters of U+0400–U+047F or sets, found '\(scalar)' "
                       + "(U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex))")
        }
        return Set(text.unicodeScalars)
    }

    /// Compiles parsed entries: letters get indices, contexts become classes
    /// of letters that no entry tells apart, and every (letter, class, class)
    /// gets the Latin of its first matching entry.
    private init(entries: [Entry], file: String) throws {
        var alphabet: [Unicode.Scalar] = []
        for entry in entries where !entry.isCapital {
            for letter in entry.letters where !alphabet.contains(letter) { alphabet.append(letter) }
        }
        guard !alphabet.isEmpty else { throw RuleFileError(file: file, message: "the letter table has no lower-case entry") }
        for entry in entries where entry.isCapital {
            for capital in entry.letters {
                let lower = Character(capital).lowercased().unicodeScalars
                guard lower.count == 1, alphabet.contains(lower.first!) else {
                    throw RuleFileError(file: file, location: SourceLocation(file: file, line: entry.line, column: 1),
                                        message: "capital '\(capital)' has no lower-case entry", sourceLine: entry.sourceLine)
                }
            }
        }
        var codes = [UInt8](repeating: 0, count: 128)
        for (index, letter) in alphabet.enumerated() {
            codes[Int(letter.value - 0x400)] = UInt8(index + 1)
            let upper = Character(letter).uppercased().unicodeScalars
            if upper.count == 1, let capital = upper.first, capital != letter, Self.isTableLetter(capital) {
                codes[Int(capital.value - 0x400)] = UInt8(index + 1) | 0x80
            }
        }
        // Positions: 0 is the word edge, i + 1 is letter i.
        let positions = [Self.edge] + alphabet
        func classes(_ sets: [Set<Unicode.Scalar>?]) -> (ofPosition: [Int], representatives: [Unicode.Scalar]) {
            let distinct = Array(Set(sets.compactMap { $0 }))
            var ids: [[Bool]: Int] = [:]
            var representatives: [Unicode.Scalar] = []
            let ofPosition = positions.map { position in
                let signature = distinct.map { $0.contains(position) }
                if let id = ids[signature] { return id }
                ids[signature] = representatives.count
                representatives.append(position)
                return representatives.count - 1
            }
            return (ofPosition, representatives)
        }
        let (afterClasses, afters) = classes(entries.map(\.after))
        let (beforeClasses, befores) = classes(entries.map(\.before))
        func pack(_ latin: [UInt8]?, title: Bool) -> UInt64 {
            guard var latin else { return Self.declined }
            if title, let first = String(decoding: latin, as: UTF8.self).first {
                latin = Array((first.uppercased() + String(decoding: latin, as: UTF8.self).dropFirst()).utf8)
                if latin.count > Self.maximumLatinBytes { return Self.declined }
            }
            var packed = UInt64(latin.count) << 56
            for (shift, byte) in latin.enumerated() { packed |= UInt64(byte) << (8 * UInt64(shift)) }
            return packed
        }
        func firstMatch(_ letter: Unicode.Scalar, capital: Bool, after: Unicode.Scalar, before: Unicode.Scalar) -> Entry? {
            entries.first { entry in
                entry.isCapital == capital && entry.letters.contains(capital ? Character(letter).uppercased().unicodeScalars.first! : letter)
                    && entry.after.map { $0.contains(after) } ?? true && entry.before.map { $0.contains(before) } ?? true
            }
        }
        var outputs: [UInt64] = []
        var titleOutputs: [UInt64] = []
        for letter in alphabet {
            for after in afters {
                for before in befores {
                    outputs.append(pack(firstMatch(letter, capital: false, after: after, before: before)?.latin, title: false))
                }
            }
            for before in befores {
                if let capital = firstMatch(letter, capital: true, after: Self.edge, before: before) {
                    titleOutputs.append(pack(capital.latin, title: false))
                } else {
                    titleOutputs.append(pack(firstMatch(letter, capital: false, after: Self.edge, before: before)?.latin, title: true))
                }
            }
        }
        self.alphabet = String(String.UnicodeScalarView(alphabet))
        storage = Storage(codes: codes, afterClasses: afterClasses, beforeClasses: beforeClasses,
                          afterClassCount: afters.count, beforeClassCount: befores.count,
                          outputs: outputs, titleOutputs: titleOutputs)
    }
}
