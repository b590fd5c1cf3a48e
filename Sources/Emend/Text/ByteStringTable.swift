/// A hash table from byte strings (UTF-8 words) to values, made for hot paths:
/// a look-up takes the key as a slice of a line and allocates nothing. Keys
/// live in one byte arena; the hash reads 8 bytes at a time.
///
/// Grows by doubling; `removeAll()` empties it (callers use that to bound memory).
package struct ByteStringTable<Value> {
    private var arena: [UInt8] = []
    private var keyStarts: [Int32] = []
    private var keyLengths: [Int32] = []
    private var hashes: [UInt64] = []
    private var values: [Value] = []
    /// Per slot: the hash's high 32 bits and the entry index + 1 in the low 32
    /// (0 is an empty slot), so a probe compares hashes without touching the
    /// entries. Capacity is a power of two.
    private var slots: [UInt64]

    public init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
    }

    public var count: Int { values.count }

    /// A fast, non-cryptographic hash of the bytes (word-at-a-time multiply-mix).
    @inlinable
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 { hash(bytes, readsPastEnd: false) }

    /// The same hash; with `readsPastEnd`, for bytes whose buffer can be read
    /// 8 bytes past their end, the last bytes are read as one masked word;
    /// without it, by two overlapping loads (`ByteSearch.partialWord`), never
    /// byte by byte.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer, readsPastEnd: Bool) -> UInt64 {
        var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(bytes.count)
        var index = 0
        while index + 8 <= bytes.count {
            h = (h ^ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
            index += 8
        }
        var tail: UInt64 = 0
        let left = bytes.count - index
        if readsPastEnd {
            if left > 0 {
                tail = UInt64(littleEndian: bytes.baseAddress!.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                tail &= UInt64.max >> (64 - 8 * UInt64(left))
            }
        } else if left > 0 {
            tail = ByteSearch.partialWord(bytes.baseAddress! + index, count: left)
        }
        h = (h ^ tail) &* 0xBF58_476D_1CE4_E5B9
        return h ^ (h >> 31)
    }

    private func slot(of key: UnsafeRawBufferPointer, hash: UInt64) -> (slot: Int, entry: Int?) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        let tag = hash >> 32
        while true {
            let stored = slots[slot]
            if stored == 0 { return (slot, nil) }
            let entry = Int(stored & 0xFFFF_FFFF) - 1
            if stored >> 32 == tag && Int(keyLengths[entry]) == key.count {
                let start = Int(keyStarts[entry])
                let equal = arena.withUnsafeBytes { raw in
                    key.count == 0 || memcmp(raw.baseAddress! + start, key.baseAddress!, key.count) == 0
                }
                if equal { return (slot, entry) }
            }
            slot = (slot + 1) & mask
        }
    }

    /// The index of `key`'s entry, if it has one. Entry indices stay valid until `removeAll()`.
    public func index(of key: ArraySlice<UInt8>) -> Int? {
        key.withUnsafeBytes { raw in slot(of: raw, hash: Self.hash(raw)).entry }
    }

    /// The index of the entry for the bytes of `key`, if it has one.
    public func index(of key: UnsafeRawBufferPointer) -> Int? {
        slot(of: key, hash: Self.hash(key)).entry
    }

    /// The value of the entry at `index` (from `index(of:)` or `set`).
    public subscript(entry index: Int) -> Value {
        get { values[index] }
        set { values[index] = newValue }
    }

    /// The value stored for `key`, if any.
    public func value(for key: ArraySlice<UInt8>) -> Value? {
        key.withUnsafeBytes { raw in
            slot(of: raw, hash: Self.hash(raw)).entry.map { values[$0] }
        }
    }

    /// Stores `value` for `key`, replacing an earlier one; returns the entry's index.
    @discardableResult
    public mutating func set(_ value: Value, for key: ArraySlice<UInt8>) -> Int {
        if (values.count + 1) * 2 > slots.count { grow() }
        return key.withUnsafeBytes { raw in
            let hash = Self.hash(raw)
            let (slot, entry) = slot(of: raw, hash: hash)
            if let entry { values[entry] = value; return entry }
            keyStarts.append(Int32(arena.count))
            keyLengths.append(Int32(raw.count))
            arena.append(contentsOf: raw)
            hashes.append(hash)
            values.append(value)
            slots[slot] = (hash >> 32) << 32 | UInt64(values.count)
            return values.count - 1
        }
    }

    /// Finds or adds the entry for the bytes of `key` in one probe, and returns its index;
    /// a new entry starts at `initial`.
    @discardableResult
    public mutating func entry(for key: UnsafeRawBufferPointer, initial: @autoclosure () -> Value) -> Int {
        if (values.count + 1) * 2 > slots.count { grow() }
        let hash = Self.hash(key)
        let (slot, entry) = slot(of: key, hash: hash)
        if let entry { return entry }
        keyStarts.append(Int32(arena.count))
        keyLengths.append(Int32(key.count))
        arena.append(contentsOf: key)
        hashes.append(hash)
        values.append(initial())
        slots[slot] = (hash >> 32) << 32 | UInt64(values.count)
        return values.count - 1
    }

    /// Calls `body` with each key and value, in the order they were added.
    public func forEach(_ body: (ArraySlice<UInt8>, Value) throws -> Void) rethrows {
        for index in values.indices { try body(key(at: index), values[index]) }
    }

    /// The key of the entry at `index`.
    public func key(at index: Int) -> ArraySlice<UInt8> {
        let start = Int(keyStarts[index])
        return arena[start..<(start + Int(keyLengths[index]))]
    }

    public mutating func removeAll() {
        arena.removeAll(keepingCapacity: true)
        keyStarts.removeAll(keepingCapacity: true)
        keyLengths.removeAll(keepingCapacity: true)
        hashes.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        for index in slots.indices { slots[index] = 0 }
    }

    private mutating func grow() {
        var bigger = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        for entry in hashes.indices {
            var slot = Int(truncatingIfNeeded: hashes[entry]) & mask
            while bigger[slot] != 0 { slot = (slot + 1) & mask }
            bigger[slot] = (hashes[entry] >> 32) << 32 | UInt64(entry + 1)
        }
        slots = bigger
    }
}

/// A read-only table of words, each with a value from 0 to 99, prebuilt by
/// `scripts/build-compact-lexicons.py` and compiled into the binary as text
/// (`CompactLexicons`): searched where it lies, so nothing is parsed, built or
/// allocated at start.
///
/// `entries` holds `word value` lines grouped by bucket (the low bits of
/// `ByteStringTable.hash`); `offsets` holds, for each bucket and one past the
/// last, the byte offset in `entries` of its first line as four digits of six
/// bits (the characters 0x30 to 0x6F, most significant first), 64 to a line.
/// A look-up hashes the word, reads two offsets and
/// compares the line or two between them.
package struct CompactWordTable: @unchecked Sendable {
    private let offsets: UnsafePointer<UInt8>
    private let entries: UnsafePointer<UInt8>
    private let entriesCount: Int
    private let mask: Int
    public let count: Int
    /// Offsets a line of `offsets` holds (what the script writes).
    static let offsetsPerLine = 64
    static let lineShift = 6

    public init(count: Int, bucketCount: Int, offsetsPerLine: Int, offsets: StaticString, entries: StaticString) {
        precondition(bucketCount > 0 && bucketCount & (bucketCount - 1) == 0, "bucket count must be a power of two")
        precondition(offsetsPerLine == Self.offsetsPerLine, "offsets must be written \(Self.offsetsPerLine) to a line")
        let lines = (bucketCount + offsetsPerLine) / offsetsPerLine
        precondition(offsets.utf8CodeUnitCount == (bucketCount + 1) * 4 + lines - 1, "offsets do not match the bucket count")
        self.count = count
        self.mask = bucketCount - 1
        self.offsets = offsets.utf8Start
        self.entries = entries.utf8Start
        self.entriesCount = entries.utf8CodeUnitCount
    }

    /// The byte offset in `entries` of the first line of `bucket`.
    @inline(__always)
    private func offset(_ bucket: Int) -> Int {
        let digit = offsets + (bucket >> Self.lineShift) * (Self.offsetsPerLine * 4 + 1) + (bucket & (Self.offsetsPerLine - 1)) * 4
        return Self.offset(digits: UInt32(littleEndian: UnsafeRawPointer(digit).loadUnaligned(as: UInt32.self)))
    }

    /// The offset four digits of six bits stand for, read as one word (the
    /// first digit in its low byte): each character less 0x30 in one
    /// subtraction (none is below 0x30, so none borrows), then the four put together.
    @inline(__always)
    static func offset(digits word: UInt32) -> Int {
        let values = word &- 0x3030_3030
        return Int(truncatingIfNeeded: (values & 0x3F) << 18 | (values >> 8 & 0x3F) << 12 | (values >> 16 & 0x3F) << 6 | values >> 24)
    }

    /// The value stored for the bytes of `key`, if the table has it.
    public func value(for key: UnsafeRawBufferPointer) -> UInt8? {
        // The hash inlined here (the same one `ByteStringTable.hash(_:)` calls).
        let bucket = Int(truncatingIfNeeded: ByteStringTable<UInt8>.hash(key, readsPastEnd: false)) & mask
        var position = offset(bucket)
        let end = offset(bucket + 1)
        let count = key.count
        while position < end {
            // Compare in place; on a difference, go on past the line's end (every line has one).
            var matched = 0
            while matched < count, entries[position + matched] == key[matched], key[matched] != 0x0A { matched += 1 }
            if matched == count && entries[position + count] == 0x20 {
                return (entries[position + count + 1] &- 0x30) &* 10 &+ (entries[position + count + 2] &- 0x30)
            }
            position += matched
            while entries[position] != 0x0A { position += 1 }
            position += 1
        }
        return nil
    }

    /// Calls `body` with each word and its value, bucket by bucket.
    public func forEach(_ body: (UnsafeBufferPointer<UInt8>, UInt8) throws -> Void) rethrows {
        try forEach(valuesUpTo: 99, body)
    }

    /// The same for the words whose value is `largest` or less: each line's
    /// end found by `memchr` and its value read first (every line ends in a
    /// space and two digits), so a line passed by costs a few instructions.
    public func forEach(valuesUpTo largest: UInt8, _ body: (UnsafeBufferPointer<UInt8>, UInt8) throws -> Void) rethrows {
        var start = 0
        while start < entriesCount, let found = memchr(entries + start, 0x0A, entriesCount - start) {
            let end = UnsafeRawPointer(entries).distance(to: UnsafeRawPointer(found))
            let value = (entries[end - 2] &- 0x30) &* 10 &+ (entries[end - 1] &- 0x30)
            if value <= largest { try body(UnsafeBufferPointer(start: entries + start, count: end - 3 - start), value) }
            start = end + 1
        }
    }
}

/// Words with small values: prebuilt and searched in place, or built at run
/// time from text (a word list of one's own).
package enum WordTable: @unchecked Sendable {
    case prebuilt(CompactWordTable)
    case built(ByteStringTable<UInt8>)

    public var count: Int {
        switch self {
        case .prebuilt(let table): return table.count
        case .built(let table): return table.count
        }
    }

    @inline(__always)
    public func value(for key: UnsafeRawBufferPointer) -> UInt8? {
        switch self {
        case .prebuilt(let table): return table.value(for: key)
        case .built(let table): return table.index(of: key).map { table[entry: $0] }
        }
    }

    public func contains(_ word: ArraySlice<UInt8>) -> Bool {
        word.withUnsafeBytes { contains($0) }
    }

    public func contains(_ word: UnsafeRawBufferPointer) -> Bool { value(for: word) != nil }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ByteStringTable: Sendable where Value: Sendable {}
