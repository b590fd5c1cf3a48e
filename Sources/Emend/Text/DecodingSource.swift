/// Bytes that are not valid in the encoding the input was declared in: the
/// first place and how many sequences (each replaced by U+FFFD).
public struct InvalidEncoding: Sendable, Equatable, Error, CustomStringConvertible {
    /// The encoding as it was named ("KOI8-R").
    public var encoding: String
    /// 0-based byte offset in the input of the first invalid sequence.
    public var offset: Int
    /// 1-based line and column of that sequence; the column counts characters
    /// (the decoded text's Unicode scalars, as the reports do), not input bytes.
    public var line: Int
    public var column: Int
    /// Invalid sequences replaced by U+FFFD in all.
    public var count: Int

    public var description: String {
        "invalid \(encoding) at byte offset \(offset) (line \(line), column \(column))"
    }
}

/// Input that is UTF-16 while UTF-8 was expected: found by its byte order mark,
/// or by the NUL (or other control) byte beside every character.
public struct UndeclaredUTF16: Sendable, Equatable, Error, CustomStringConvertible {
    /// "UTF-16LE" or "UTF-16BE".
    public var encoding: String
    /// The byte order mark it starts with ("FF FE"), or nil when it has none.
    public var byteOrderMark: String?

    public var description: String {
        let evidence = byteOrderMark.map { "it starts with the byte order mark \($0)" }
            ?? "every other byte is NUL or another control byte"
        return "the input looks like \(encoding), not UTF-8 (\(evidence))"
    }
}

/// A `ByteSource` that hands out UTF-8 whatever the input's encoding.
///
/// With an encoding name (any converter ICU knows: windows-1251, KOI8-R,
/// UTF-16LE, ISO-8859-5, CP866 …) it converts through ICU as the bytes arrive,
/// in blocks of 64 KiB, so memory stays bounded; each sequence invalid in that
/// encoding becomes U+FFFD and is counted in `invalid` (the first one located
/// by input byte offset, line and column; a sequence cut by the 64 KiB block
/// boundary is placed where ICU's count says), or, when `strict`, stops the read
/// with `InvalidEncoding`. Without one the input is UTF-8 and passes through
/// untouched, except that input that is plainly UTF-16 is refused with
/// `UndeclaredUTF16` before any of it is handed out.
public struct DecodingSource<Base: ByteSource>: ByteSource {
    private var base: Base
    private let converter: ICU.Converter?
    /// The encoding as named, for messages; "UTF-8" when none was named.
    public let encoding: String
    public let strict: Bool
    /// Set when input had sequences invalid in `encoding` (replaced with U+FFFD).
    public private(set) var invalid: InvalidEncoding?

    private static var blockSize: Int { 1 << 16 }
    /// How much of UTF-8 input is looked at for the marks of UTF-16.
    static var sniffSize: Int { 4096 }

    private var input: [UInt8] = []
    private var inputStart = 0
    /// Absolute input offset of `input[0]`.
    private var inputOffset = 0
    private var baseEnded = false
    private var finished = false
    private var units: [UInt16] = []
    private var unitOffsets: [Int32] = []
    private var leadSurrogate: UInt16?
    /// UTF-8 made and not yet handed out.
    private var pending: [UInt8] = []
    private var pendingStart = 0
    private var sniffed = false
    /// The current input line (1-based), and the characters decoded in it so far.
    private var line = 1
    private var lineCharacters = 0
    private var decodedAny = false

    /// Reads `base` as `encoding` (nil or a name of UTF-8: UTF-8, checked for UTF-16).
    /// Throws `ICU.Failure` when ICU knows no such encoding.
    public init(_ base: Base, encoding: String? = nil, strict: Bool = false) throws {
        self.base = base
        self.strict = strict
        if let encoding {
            let converter = try ICU.Converter(name: encoding)
            self.encoding = encoding
            self.converter = converter.canonicalName == "UTF-8" ? nil : converter
            sniffed = converter.canonicalName == "UTF-8"  // declared UTF-8 is taken at its word
        } else {
            self.encoding = "UTF-8"
            converter = nil
        }
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if converter == nil && sniffed && pendingStart == pending.count { return try base.read(into: buffer) }
        while pendingStart == pending.count {
            if finished { return 0 }
            if let converter { try convertBlock(converter) } else { try sniff() }
        }
        let count = min(buffer.count, pending.count - pendingStart)
        pending.withUnsafeBytes { raw in
            buffer.baseAddress!.copyMemory(from: raw.baseAddress! + pendingStart, byteCount: count)
        }
        pendingStart += count
        if pendingStart == pending.count {
            pending.removeAll(keepingCapacity: true)
            pendingStart = 0
        }
        return count
    }

    /// Reads `count` bytes into `bytes`, fewer at the end of input; returns true at the end.
    private static func fill(_ bytes: inout [UInt8], from base: inout Base, count: Int) throws -> Bool {
        bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        defer { bytes.removeSubrange(filled...) }
        while filled < count {
            let read = try bytes.withUnsafeMutableBytes { try base.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...])) }
            if read == 0 { return true }
            filled += read
        }
        return false
    }

    // MARK: UTF-8 input

    /// Reads the first bytes and refuses them when they are UTF-16.
    private mutating func sniff() throws {
        var head: [UInt8] = []
        finished = try Self.fill(&head, from: &base, count: Self.sniffSize)
        if let found = Self.undeclaredUTF16(head) { throw found }
        sniffed = true
        pending = head
        pendingStart = 0
    }

    /// UTF-16 by its byte order mark, or by its high bytes: most of the text's
    /// characters are below U+2000 (Latin, Cyrillic, Greek …), so in UTF-16 every
    /// other byte is NUL or another control byte (Cyrillic's is 04), which UTF-8
    /// text hardly ever holds: three quarters of the pairs with one on the same side.
    static func undeclaredUTF16(_ head: [UInt8]) -> UndeclaredUTF16? {
        if head.starts(with: [0xFF, 0xFE]) { return UndeclaredUTF16(encoding: "UTF-16LE", byteOrderMark: "FF FE") }
        if head.starts(with: [0xFE, 0xFF]) { return UndeclaredUTF16(encoding: "UTF-16BE", byteOrderMark: "FE FF") }
        let pairs = head.count / 2
        guard pairs >= 2 else { return nil }
        // A form feed is no high byte either: a scan's page breaks ("\f\n" a page) are UTF-8.
        func isHighByte(_ byte: UInt8) -> Bool { byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0C && byte != 0x0D }
        var even = 0, odd = 0
        var evenValues = Set<UInt8>(), oddValues = Set<UInt8>()
        for pair in 0..<pairs {
            let (first, second) = (head[2 * pair], head[2 * pair + 1])
            if isHighByte(first) { even += 1 }
            if isHighByte(second) { odd += 1 }
            evenValues.insert(first)
            oddValues.insert(second)
        }
        // Capitals А–П (U+0410–041F) put control bytes on the low side too: then the
        // high side is the one with fewer different bytes.
        let highIsOdd = odd > even || (odd == even && oddValues.count < evenValues.count)
        let highIsEven = even > odd || (odd == even && evenValues.count < oddValues.count)
        if highIsOdd && odd * 4 >= pairs * 3 { return UndeclaredUTF16(encoding: "UTF-16LE", byteOrderMark: nil) }
        if highIsEven && even * 4 >= pairs * 3 { return UndeclaredUTF16(encoding: "UTF-16BE", byteOrderMark: nil) }
        return nil
    }

    // MARK: Conversion

    /// Reads a block when the last is used up and converts what ICU can of it.
    private mutating func convertBlock(_ converter: ICU.Converter) throws {
        if inputStart == input.count && !baseEnded {
            inputOffset += input.count
            // A full block, so that ICU sees a bad sequence whole (and locates it)
            // unless it straddles two blocks.
            baseEnded = try Self.fill(&input, from: &base, count: Self.blockSize)
            inputStart = 0
        }
        if units.isEmpty {
            units = [UInt16](repeating: 0, count: Self.blockSize)
            unitOffsets = [Int32](repeating: 0, count: Self.blockSize)
        }
        let callStart = inputOffset + inputStart
        let step = try input.withUnsafeBytes { raw in
            try units.withUnsafeMutableBufferPointer { target in
                try unitOffsets.withUnsafeMutableBufferPointer { offsets in
                    try converter.convert(UnsafeRawBufferPointer(rebasing: raw[inputStart...]), into: target,
                                          offsets: offsets, atEnd: baseEnded)
                }
            }
        }
        inputStart += step.consumed
        for index in 0..<step.produced { append(units[index]) }
        if step.invalidLength > 0 {
            let offset = callStart + step.consumed - step.invalidLength
            if let lead = leadSurrogate { leadSurrogate = nil; appendScalar(UInt32(lead)); lineCharacters += 1 }
            let found = InvalidEncoding(encoding: encoding, offset: offset, line: line,
                                        column: lineCharacters + 1, count: 1)
            if strict { throw found }
            if invalid == nil { invalid = found } else { invalid!.count += 1 }
            pending.append(contentsOf: [0xEF, 0xBF, 0xBD])
            lineCharacters += 1
        } else if baseEnded && !step.targetFull && inputStart == input.count {
            if let lead = leadSurrogate { leadSurrogate = nil; appendScalar(UInt32(lead)) }
            finished = true
        }
    }

    /// Appends one UTF-16 unit as UTF-8, pairing surrogates split between calls,
    /// and counts lines and the characters of the current line.
    private mutating func append(_ unit: UInt16) {
        if let lead = leadSurrogate {
            leadSurrogate = nil
            lineCharacters += 1
            if (0xDC00...0xDFFF).contains(unit) {
                appendScalar(0x10000 + ((UInt32(lead) - 0xD800) << 10) + (UInt32(unit) - 0xDC00))
                return
            }
            appendScalar(UInt32(lead))
        }
        if (0xD800...0xDBFF).contains(unit) { leadSurrogate = unit; return }
        // A leading byte order mark is no character of the text (the stream driver takes it off).
        let isByteOrderMark = unit == 0xFEFF && line == 1 && lineCharacters == 0 && !decodedAny
        decodedAny = true
        if unit == 0x0A { line += 1; lineCharacters = 0 } else if !isByteOrderMark { lineCharacters += 1 }
        appendScalar(UInt32(unit))
    }

    /// Appends a scalar as UTF-8; a lone surrogate (ICU never makes one) becomes U+FFFD.
    private mutating func appendScalar(_ value: UInt32) {
        switch value {
        case 0..<0x80: pending.append(UInt8(value))
        case 0x80..<0x800:
            pending.append(0xC0 | UInt8(value >> 6)); pending.append(0x80 | UInt8(value & 0x3F))
        case 0xD800...0xDFFF: pending.append(contentsOf: [0xEF, 0xBF, 0xBD])
        case 0x800..<0x10000:
            pending.append(0xE0 | UInt8(value >> 12)); pending.append(0x80 | UInt8((value >> 6) & 0x3F))
            pending.append(0x80 | UInt8(value & 0x3F))
        default:
            pending.append(0xF0 | UInt8(value >> 18)); pending.append(0x80 | UInt8((value >> 12) & 0x3F))
            pending.append(0x80 | UInt8((value >> 6) & 0x3F)); pending.append(0x80 | UInt8(value & 0x3F))
        }
    }
}
