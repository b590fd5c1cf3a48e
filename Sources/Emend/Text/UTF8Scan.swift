/// Byte-level UTF-8 checks used on hot paths: no `String`, no `Character`.
public enum UTF8Scan {
    /// True when every byte is ASCII. Reads 32 bytes at a time, then 8; the
    /// last 8 bytes of a run of 8 or more in one read (which may overlap bytes already read).
    @inlinable
    public static func isASCII(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            let count = raw.count
            let high: UInt64 = 0x8080_8080_8080_8080
            var index = 0
            while index + 32 <= count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: index + 16, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: index + 24, as: UInt64.self)
                if word & high != 0 { return false }
                index += 32
            }
            while index + 8 <= count {
                if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & high != 0 { return false }
                index += 8
            }
            if index < count, count >= 8 {
                return raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) & high == 0
            }
            while index < count {
                if raw[index] >= 0x80 { return false }
                index += 1
            }
            return true
        }
    }

    /// The offset of the first byte beyond ASCII (0x80 or more), or nil when
    /// every byte is ASCII. Reads 8 bytes at a time.
    @inlinable
    public static func firstNonASCII(in raw: UnsafeRawBufferPointer) -> Int? {
        let count = raw.count
        var index = 0
        while index + 8 <= count, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
            index += 8
        }
        while index < count {
            if raw[index] >= 0x80 { return index }
            index += 1
        }
        return nil
    }

    /// Characters as a reader sees them (Unicode scalars): each ill-formed
    /// sequence counts as the one U+FFFD it becomes.
    public static func characterCount(_ bytes: ArraySlice<UInt8>) -> Int {
        if !bytes.contains(where: { $0 >= 0x80 }) { return bytes.count }
        return String(decoding: bytes, as: UTF8.self).unicodeScalars.count
    }

    /// True for a UTF-8 continuation byte (10xxxxxx).
    @inlinable
    public static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }

    /// Length of the well-formed sequence starting at `index`, or nil when the
    /// bytes there are ill-formed. `invalidLength` is then the length of the
    /// maximal subpart to replace with one U+FFFD (Unicode 15, §3.9, Table 3-7).
    @inlinable
    public static func sequence(in bytes: UnsafeRawBufferPointer, at index: Int) -> (valid: Bool, length: Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (true, 1) }
        let needed: Int
        var lower: UInt8 = 0x80
        var upper: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: needed = 1
        case 0xE0: needed = 2; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: needed = 2
        case 0xED: needed = 2; upper = 0x9F
        case 0xF0: needed = 3; lower = 0x90
        case 0xF1...0xF3: needed = 3
        case 0xF4: needed = 3; upper = 0x8F
        default: return (false, 1)
        }
        var offset = 1
        while offset <= needed {
            let position = index + offset
            guard position < bytes.count else { return (false, offset) }
            let byte = bytes[position]
            let (low, high) = offset == 1 ? (lower, upper) : (UInt8(0x80), UInt8(0xBF))
            guard byte >= low && byte <= high else { return (false, offset) }
            offset += 1
        }
        return (true, needed + 1)
    }

    /// The result of checking a line's bytes.
    public struct Repair: Sendable, Equatable {
        /// The bytes with every ill-formed subpart replaced by U+FFFD.
        public var bytes: [UInt8]
        /// How many replacements were made.
        public var replacements: Int
        /// Byte offset (0-based, in the original bytes) of the first ill-formed subpart.
        public var firstOffset: Int
    }

    /// Returns nil when `bytes` is well-formed UTF-8; otherwise the repaired bytes.
    public static func repair(_ bytes: [UInt8]) -> Repair? {
        if isASCII(bytes) { return nil }
        return bytes.withUnsafeBytes { raw -> Repair? in
            var index = 0
            var firstBad = -1
            while index < raw.count {
                let (valid, length) = sequence(in: raw, at: index)
                if !valid { firstBad = index; break }
                index += length
            }
            guard firstBad >= 0 else { return nil }
            var output = [UInt8](raw[0..<firstBad])
            output.reserveCapacity(raw.count + 8)
            var replacements = 0
            index = firstBad
            while index < raw.count {
                let (valid, length) = sequence(in: raw, at: index)
                if valid {
                    output.append(contentsOf: raw[index..<(index + length)])
                } else {
                    output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    replacements += 1
                }
                index += length
            }
            return Repair(bytes: output, replacements: replacements, firstOffset: firstBad)
        }
    }
}
