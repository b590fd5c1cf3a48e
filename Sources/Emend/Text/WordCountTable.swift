/// Counts of byte strings (lower-cased words and word pairs) for the document
/// survey, laid out for a table much larger than the processor's caches.
///
/// Each slot is one 24-byte record that holds the key's first 16 bytes (of a
/// longer key, its first 8 and where the rest lies in an arena), its length, a
/// hash tag and the count, so finding a key of up to 16 bytes (most words and
/// many pairs) reads one record. The general `ByteStringTable` reads four places for the same
/// look-up (slot, key start and length, arena, value), each a cache miss once
/// the table outgrows the cache: in the survey that was most of its time.
///
/// Open addressing, linear probing, at most half full; grows by doubling.
/// `retain(where:)` keeps only some entries without building a second table.
/// Entries come back from `forEach` in slot order, not in the order added.
package struct WordCountTable: Sendable {
    /// One slot. `count == 0` marks an empty one (a stored count is never 0).
    struct Record: Sendable {
        /// The key's first 8 bytes, zero-padded.
        var head: UInt64 = 0
        /// Bytes 8 to 15 of a key of at most 16 bytes, zero-padded; of a
        /// longer one, where its bytes from the 9th on start in the arena.
        var second: UInt64 = 0
        var count: Int32 = 0
        /// The hash's low 24 bits above the key's length (at most 255).
        var tagAndLength: UInt32 = 0

        var length: Int { Int(tagAndLength & 0xFF) }
        var tag: UInt32 { tagAndLength >> 8 }
    }

    private var records: [Record]
    private var arena: [UInt8] = []
    public private(set) var count = 0

    /// The longest key stored (the survey's keys are at most 129 bytes).
    public static let maximumKeyLength = 255
    /// Up to this many slots, the tag holds every bit of a slot's index
    /// (1 << 24; tests set it lower to try the larger tables' path).
    private let slotsTheTagLocates: Int

    public init(capacity: Int = 1024, slotsTheTagLocates: Int = 1 << 24) {
        self.slotsTheTagLocates = min(slotsTheTagLocates, 1 << 24)
        var size = 16
        while size < min(capacity, 1 << 30) * 2 { size <<= 1 }
        records = [Record](repeating: Record(), count: size)
    }

    /// The key's first 16 bytes as two words, zero-padded.
    @inline(__always)
    private static func heads(_ key: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
        let length = key.count
        if length >= 16 {
            return (UInt64(littleEndian: key.loadUnaligned(as: UInt64.self)),
                    UInt64(littleEndian: key.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        }
        // Built in registers (copying into a padded buffer and reading it back
        // as words stalls on the store).
        var first: UInt64 = 0, second: UInt64 = 0, index = 0
        if length >= 8 {
            first = UInt64(littleEndian: key.loadUnaligned(as: UInt64.self))
            index = 8
        }
        var shift: UInt64 = 0
        while index < length {
            if index < 8 { first |= UInt64(key[index]) << shift } else { second |= UInt64(key[index]) << shift }
            index += 1
            shift = index == 8 ? 0 : shift + 8
        }
        return (first, second)
    }

    /// The same as `heads` for a key whose buffer can be read 16 bytes from
    /// its start (bytes past its end are masked off): two loads, no loop.
    @inline(__always)
    private static func paddedHeads(_ key: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
        let length = key.count
        let first = UInt64(littleEndian: key.baseAddress!.loadUnaligned(as: UInt64.self))
        let second = UInt64(littleEndian: key.baseAddress!.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        if length >= 16 { return (first, second) }
        if length >= 8 { return (first, length == 8 ? 0 : second & (UInt64.max >> (64 - 8 * UInt64(length - 8)))) }
        return (length == 0 ? 0 : first & (UInt64.max >> (64 - 8 * UInt64(length))), 0)
    }

    /// The hash of a key from its heads, length and (past 16 bytes) its tail;
    /// with `readsPastEnd`, for a key whose buffer can be read 8 bytes past its
    /// end (`add(_:toPadded:)`), the tail's last bytes are read as one masked
    /// word (the same value).
    @inline(__always)
    private static func hash(_ key: UnsafeRawBufferPointer, heads: (UInt64, UInt64), readsPastEnd: Bool = false) -> UInt64 {
        var h = (0x243F_6A88_85A3_08D3 ^ UInt64(key.count) ^ heads.0) &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 29
        h = (h ^ heads.1) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 31
        if key.count > 16 {
            h ^= ByteStringTable<Int32>.hash(UnsafeRawBufferPointer(rebasing: key[16...]), readsPastEnd: readsPastEnd)
            h = h &* 0x94D0_49BB_1331_11EB
            h ^= h >> 32
        }
        return h
    }

    /// The slot holding `key`, or the empty slot where it would go.
    @inline(__always)
    private func find(_ key: UnsafeRawBufferPointer, heads: (UInt64, UInt64), hash: UInt64) -> (slot: Int, found: Bool) {
        arena.withUnsafeBytes { arena in
            records.withUnsafeBufferPointer { Self.probe($0, arena: arena, key: key, heads: heads, hash: hash) }
        }
    }

    /// The slot of `records` holding `key`, or the empty slot where it would go
    /// (linear probing from the hash).
    @inline(__always)
    private static func probe(_ records: UnsafeBufferPointer<Record>, arena: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer,
                              heads: (UInt64, UInt64), hash: UInt64) -> (slot: Int, found: Bool) {
        let tagAndLength = Self.tagAndLength(hash: hash, length: key.count)
        let inline = key.count <= 16
        let mask = records.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let record = records[slot]
            if record.count == 0 { return (slot, false) }
            if record.tagAndLength == tagAndLength && record.head == heads.0
                && (inline ? record.second == heads.1 : Self.tailMatches(record, key, arena: arena)) {
                return (slot, true)
            }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always)
    private static func tagAndLength(hash: UInt64, length: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: hash & 0xFF_FFFF) << 8 | UInt32(length)
    }

    @inline(__always)
    private static func tailMatches(_ record: Record, _ key: UnsafeRawBufferPointer, arena: UnsafeRawBufferPointer) -> Bool {
        memcmp(arena.baseAddress! + Int(record.second), key.baseAddress! + 8, key.count - 8) == 0
    }

    /// The count stored for `key` (0 when it has none).
    public func count(of key: UnsafeRawBufferPointer) -> Int32 {
        guard key.count <= Self.maximumKeyLength else { return 0 }
        let heads = Self.heads(key)
        let (slot, found) = find(key, heads: heads, hash: Self.hash(key, heads: heads))
        return found ? records[slot].count : 0
    }

    /// The same, for a key whose buffer can be read `readableBytes` bytes from
    /// its start (a word inside a line: the bytes to the line's end): with 16
    /// or more, its first 16 bytes are read as two words, not byte by byte.
    public func count(of key: UnsafeRawBufferPointer, readableBytes: Int) -> Int32 {
        guard key.count <= Self.maximumKeyLength else { return 0 }
        let heads = readableBytes >= 16 ? Self.paddedHeads(key) : Self.heads(key)
        let (slot, found) = find(key, heads: heads, hash: Self.hash(key, heads: heads))
        return found ? records[slot].count : 0
    }

    /// Adds `amount` (at least 1) to the count of `key`, adding the key when new.
    public mutating func add(_ amount: Int32, to key: UnsafeRawBufferPointer) {
        guard key.count <= Self.maximumKeyLength, amount > 0 else { return }
        add(amount, to: key, heads: Self.heads(key))
    }

    /// The same for a key whose buffer the caller guarantees can be read 16
    /// bytes from the key's start, whatever its length, and 8 bytes past its
    /// end (the survey's key buffer): its first 16 bytes are read as two
    /// words, and the last bytes of a longer key as one, not byte by byte.
    public mutating func add(_ amount: Int32, toPadded key: UnsafeRawBufferPointer) {
        guard key.count <= Self.maximumKeyLength, amount > 0 else { return }
        let heads = Self.paddedHeads(key)
        add(amount, to: key, heads: heads, hash: Self.hash(key, heads: heads, readsPastEnd: true))
    }

    @inline(__always)
    private mutating func add(_ amount: Int32, to key: UnsafeRawBufferPointer, heads: (UInt64, UInt64)) {
        add(amount, to: key, heads: heads, hash: Self.hash(key, heads: heads))
    }

    @inline(__always)
    private mutating func add(_ amount: Int32, to key: UnsafeRawBufferPointer, heads: (UInt64, UInt64), hash: UInt64) {
        if (count + 1) * 2 > records.count { resize(to: records.count * 2) }
        // A key already held (most are) is found and counted in one access to
        // the records (one check that they are not shared, none per index).
        let slot: Int? = arena.withUnsafeBytes { arena in
            records.withUnsafeMutableBufferPointer { records in
                let (slot, found) = Self.probe(UnsafeBufferPointer(records), arena: arena, key: key, heads: heads, hash: hash)
                guard found else { return slot }
                records[slot].count &+= amount
                return nil
            }
        }
        guard let slot else { return }
        var record = Record(head: heads.0, second: heads.1, count: amount,
                            tagAndLength: Self.tagAndLength(hash: hash, length: key.count))
        if key.count > 16 {
            record.second = UInt64(arena.count)
            arena.append(contentsOf: UnsafeRawBufferPointer(rebasing: key[8...]))
        }
        records[slot] = record
        count += 1
    }

    /// Calls `body` with each key and its count, in slot order.
    public func forEach(_ body: (UnsafeRawBufferPointer, Int32) throws -> Void) rethrows {
        var key = [UInt8](repeating: 0, count: 16)
        for record in records where record.count != 0 {
            try withKey(of: record, into: &key) { try body($0, record.count) }
        }
    }

    private func withKey<Result>(of record: Record, into key: inout [UInt8],
                                 _ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        let length = record.length
        key.removeAll(keepingCapacity: true)
        if length <= 16 {
            withUnsafeBytes(of: (record.head.littleEndian, record.second.littleEndian)) { key.append(contentsOf: $0.prefix(length)) }
        } else {
            withUnsafeBytes(of: record.head.littleEndian) { key.append(contentsOf: $0) }
            let start = Int(record.second)
            key.append(contentsOf: arena[start..<(start + length - 8)])
        }
        return try key.withUnsafeBytes(body)
    }

    /// Keeps only the entries whose count satisfies `keep`, in the same
    /// records (the kept entries are copied aside once, then put back).
    public mutating func retain(where keep: (Int32) -> Bool) {
        var kept: [Record] = []
        var newArena: [UInt8] = []
        for var record in records where record.count != 0 && keep(record.count) {
            if record.length > 16 {
                let start = Int(record.second)
                record.second = UInt64(newArena.count)
                newArena.append(contentsOf: arena[start..<(start + record.length - 8)])
            }
            kept.append(record)
        }
        arena = newArena
        for index in records.indices { records[index] = Record() }
        count = 0
        for record in kept { insert(record) }
    }

    /// Puts a record whose key is not in the table into its slot, found from
    /// its tag (the hash's low bits) or, in a table too large for that, from
    /// its key hashed again.
    private mutating func insert(_ record: Record) {
        let mask = records.count - 1
        var slot: Int
        if records.count <= slotsTheTagLocates {
            slot = Int(record.tag) & mask
        } else {
            var key: [UInt8] = []
            slot = withKey(of: record, into: &key) { key in
                Int(truncatingIfNeeded: Self.hash(key, heads: Self.heads(key))) & mask
            }
        }
        while records[slot].count != 0 { slot = (slot + 1) & mask }
        records[slot] = record
        count += 1
    }

    private mutating func resize(to size: Int) {
        let old = records
        records = [Record](repeating: Record(), count: size)
        count = 0
        for record in old where record.count != 0 { insert(record) }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
