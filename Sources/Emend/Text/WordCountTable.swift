import CacheHints
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
/// Open addressing, linear probing from the slot the hash's tag scales to; at
/// most half full, growing by doubling, except at its largest size: a table
/// told the most entries it will hold (`maximumCount`, the survey's bound)
/// grows last to the size that holds them three-quarters full, not to the
/// next power of two (for the survey's bound, 16.8 MB of slots, not 25.2).
/// While it grows, only the entries held are copied aside, not the old slots
/// kept beside the new. `retain(where:)` keeps only some entries without
/// building a second table. Entries come back from `forEach` in slot order,
/// not in the order added. A value: a copy's slots are shared until one of
/// the two changes (copied then, as an array's would be); a `Counter` takes
/// the table for many adds in a row, its slots checked unshared once.
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

    /// The table's slots: one allocation of records that only their owner
    /// writes (`makeRecordsUnique` first), freed with their last owner.
    private final class Records: @unchecked Sendable {
        let base: UnsafeMutablePointer<Record>
        let count: Int

        /// Empty records, all bytes zero (an empty `Record`), written here
        /// before any is read. Not `calloc`'s (nor `malloc` and `memset`,
        /// which the compiler turns into `calloc`): a large block comes from
        /// the system as pages that read as zero until written, and an add
        /// reads a slot before it writes it, so each page faulted twice, the
        /// second time flushing every core's address cache while the survey's
        /// parts run on two threads: 11 % of the CPU time of a 20 MB run.
        init(count: Int) {
            let size = max(count, 1)
            base = UnsafeMutablePointer<Record>.allocate(capacity: size)
            UnsafeMutableRawPointer(base).initializeMemory(as: UInt8.self, repeating: 0, count: size * MemoryLayout<Record>.stride)
            self.count = count
        }

        func copy() -> Records {
            let copy = Records(count: count)
            copy.base.update(from: base, count: count)
            return copy
        }

        deinit { base.deallocate() }

        /// Empty slots no table owns (shared, so never written: a table copies
        /// them first): what a table holds while it grows, or while a `Counter` has taken it.
        static let none = Records(count: 16)
    }

    private var records: Records
    private var arena: [UInt8] = []
    public private(set) var count = 0
    /// The most entries the table will be asked to hold (nil: no bound but
    /// `largestCount`): its largest size holds them three-quarters full.
    package var maximumCount: Int? {
        didSet {
            largestSize = Self.largestSize(holding: maximumCount)
            growsAbove = holds(records.count)
        }
    }
    private var largestSize: Int
    /// The entries held past which the next add grows the table first
    /// (`holds(records.count)`, kept as the records or the bound change).
    private var growsAbove = 0

    /// The longest key stored (the survey's keys are at most 129 bytes).
    public static let maximumKeyLength = 255
    /// The most entries a table is sized for (a survey's bound is clamped to
    /// it): up to 1 << 24 slots, each found from the 24-bit tag alone. A table
    /// given no `maximumCount` still takes more by doubling past that size,
    /// its keys then starting from every other slot or fewer.
    package static let largestCount = 1 << 23

    public init(capacity: Int = 1024, maximumCount: Int? = nil) {
        self.maximumCount = maximumCount
        largestSize = Self.largestSize(holding: maximumCount)
        var size = 16
        while size < min(capacity, Self.largestCount) * 2 { size <<= 1 }
        records = Records(count: min(size, largestSize))
        growsAbove = holds(records.count)
    }

    /// An empty table without slots, in the place of one a `Counter` has taken.
    private init(taken: ()) {
        records = .none
        largestSize = Self.largestSize(holding: nil)
        growsAbove = holds(records.count)
    }

    /// Copies the records first when another table shares them.
    @inline(__always)
    private mutating func makeRecordsUnique() {
        if !isKnownUniquelyReferenced(&records) { records = records.copy() }
    }

    /// The size of a table holding `maximumCount` entries three-quarters full
    /// (without one, `largestCount` half full).
    private static func largestSize(holding maximumCount: Int?) -> Int {
        guard let maximumCount else { return largestCount * 2 }
        return max(16, (min(maximumCount, largestCount) * 4 + 2) / 3)
    }

    /// The slots the table has now (for tests of its bound).
    package var slotCount: Int { records.count }

    /// The key's first 16 bytes as two words, zero-padded, read without
    /// touching a byte past the key (`ByteSearch.partialWord`: no loop).
    /// Internal, not private, for the tests that make keys share a tag.
    @inline(__always)
    static func heads(_ key: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
        let length = key.count
        guard let start = key.baseAddress else { return (0, 0) }
        if length >= 16 {
            return (UInt64(littleEndian: start.loadUnaligned(as: UInt64.self)),
                    UInt64(littleEndian: start.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        }
        if length >= 8 {
            return (UInt64(littleEndian: start.loadUnaligned(as: UInt64.self)), ByteSearch.partialWord(start + 8, count: length &- 8))
        }
        return (ByteSearch.partialWord(start, count: length), 0)
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
    /// word (the same value). Internal, not private, for the tests that make
    /// keys share a tag.
    @inline(__always)
    static func hash(_ key: UnsafeRawBufferPointer, heads: (UInt64, UInt64), readsPastEnd: Bool = false) -> UInt64 {
        var h = shortHash(length: key.count, heads: heads)
        if key.count > 16 {
            h ^= ByteStringTable<Int32>.hash(UnsafeRawBufferPointer(rebasing: key[16...]), readsPastEnd: readsPastEnd)
            h = h &* 0x94D0_49BB_1331_11EB
            h ^= h >> 32
        }
        return h
    }

    /// `hash` of a key of at most 16 bytes, from its length and heads alone
    /// (of a longer key, the part of its hash they make).
    @inline(__always)
    private static func shortHash(length: Int, heads: (UInt64, UInt64)) -> UInt64 {
        var h = (0x243F_6A88_85A3_08D3 ^ UInt64(truncatingIfNeeded: length) ^ heads.0) &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 29
        h = (h ^ heads.1) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 31
        return h
    }

    /// The slot holding `key`, or the empty slot where it would go.
    @inline(__always)
    private func find(_ key: UnsafeRawBufferPointer, heads: (UInt64, UInt64), hash: UInt64) -> (slot: Int, found: Bool) {
        arena.withUnsafeBytes { arena in
            Self.probe(UnsafeBufferPointer(start: records.base, count: records.count), arena: arena, key: key, heads: heads, hash: hash)
        }
    }

    /// The slot of `records` holding `key`, or the empty slot where it would go
    /// (linear probing from the hash).
    @inline(__always)
    private static func probe(_ records: UnsafeBufferPointer<Record>, arena: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer,
                              heads: (UInt64, UInt64), hash: UInt64) -> (slot: Int, found: Bool) {
        let tagAndLength = Self.tagAndLength(hash: hash, length: key.count)
        let inline = key.count <= 16
        var slot = Self.home(tag: tagAndLength >> 8, size: records.count)
        while true {
            let record = records[slot]
            if record.count == 0 { return (slot, false) }
            if record.tagAndLength == tagAndLength && record.head == heads.0
                && (inline ? record.second == heads.1 : Self.tailMatches(record, key, arena: arena)) {
                return (slot, true)
            }
            slot += 1
            if slot == records.count { slot = 0 }
        }
    }

    /// `probe` for a key of at most 16 bytes, whose `hash` is its `shortHash`
    /// (the same as `hash` for such a key): the record's two words are the
    /// whole key, so no arena is read and no length decides how to compare.
    @inline(__always)
    private static func probeShort(_ records: UnsafeBufferPointer<Record>, length: Int, heads: (UInt64, UInt64),
                                   hash: UInt64) -> (slot: Int, found: Bool) {
        let tagAndLength = Self.tagAndLength(hash: hash, length: length)
        var slot = Self.home(tag: tagAndLength >> 8, size: records.count)
        while true {
            let record = records[slot]
            if record.count == 0 { return (slot, false) }
            if record.tagAndLength == tagAndLength && record.head == heads.0 && record.second == heads.1 { return (slot, true) }
            slot &+= 1
            if slot == records.count { slot = 0 }
        }
    }

    /// The slot a key's probe starts from: its 24-bit tag scaled to the
    /// table's size (any size up to 1 << 24, not only a power of two).
    @inline(__always)
    private static func home(tag: UInt32, size: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(tag) &* UInt64(truncatingIfNeeded: size)) >> 24)
    }

    @inline(__always)
    private static func tagAndLength(hash: UInt64, length: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: hash & 0xFF_FFFF) << 8 | UInt32(truncatingIfNeeded: length)
    }

    /// Whether the bytes of a key longer than 16 from its 9th on are those
    /// the record's arena holds: 8 bytes at a time, the last 8 read where
    /// they end (overlapping the word before), so no byte past either is read.
    @inline(__always)
    private static func tailMatches(_ record: Record, _ key: UnsafeRawBufferPointer, arena: UnsafeRawBufferPointer) -> Bool {
        let stored = arena.baseAddress! + Int(truncatingIfNeeded: record.second), sought = key.baseAddress! + 8
        let last = key.count &- 16  // the tail's last word starts here (the tail has at least 9 bytes)
        var offset = 0
        while offset < last {
            if stored.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != sought.loadUnaligned(fromByteOffset: offset, as: UInt64.self) {
                return false
            }
            offset &+= 8
        }
        return stored.loadUnaligned(fromByteOffset: last, as: UInt64.self) == sought.loadUnaligned(fromByteOffset: last, as: UInt64.self)
    }

    /// The count stored for `key` (0 when it has none).
    public func count(of key: UnsafeRawBufferPointer) -> Int32 {
        guard key.count <= Self.maximumKeyLength else { return 0 }
        let heads = Self.heads(key)
        let (slot, found) = find(key, heads: heads, hash: Self.hash(key, heads: heads))
        return found ? records.base[slot].count : 0
    }

    /// The same, for a key whose buffer can be read `readableBytes` bytes from
    /// its start (a word inside a line: the bytes to the line's end): with 16
    /// or more, its first 16 bytes are read as two words, not byte by byte.
    /// Inlined into the garble repairs' token loop, which calls it once a token.
    @inline(__always)
    public func count(of key: UnsafeRawBufferPointer, readableBytes: Int) -> Int32 {
        guard key.count <= Self.maximumKeyLength else { return 0 }
        let heads = readableBytes >= 16 ? Self.paddedHeads(key) : Self.heads(key)
        let (slot, found) = find(key, heads: heads, hash: Self.hash(key, heads: heads))
        return found ? records.base[slot].count : 0
    }

    /// The same, for a key whose heads (its first 16 bytes as two words,
    /// zero-padded: `heads(_:)`) the caller has read already, as it found
    /// where the key ends (`TokenHeadScanner`). Inlined into the garble
    /// repairs' token loop, which calls it once a token.
    @inline(__always)
    package func count(of key: UnsafeRawBufferPointer, heads: (UInt64, UInt64)) -> Int32 {
        guard key.count <= Self.maximumKeyLength else { return 0 }
        let (slot, found) = find(key, heads: heads, hash: Self.hash(key, heads: heads))
        return found ? records.base[slot].count : 0
    }

    /// The table's slots as they stand, for a loop of many look-ups of short
    /// keys (`Slots.count(ofShortKey:heads:)`) that reads them without going
    /// through the table each time. Valid only until the table next changes
    /// (an add may move the slots): take them again after any change.
    package var slots: Slots { Slots(base: records.base, size: records.count) }

    /// Sets the count of `key`, already held, to `value` (at least 1); false,
    /// changing nothing, when the table does not hold the key. Never adds a key.
    @discardableResult
    package mutating func replaceCount(of key: UnsafeRawBufferPointer, with value: Int32) -> Bool {
        guard key.count <= Self.maximumKeyLength, value > 0 else { return false }
        let heads = Self.heads(key)
        let (slot, found) = find(key, heads: heads, hash: Self.hash(key, heads: heads))
        guard found else { return false }
        makeRecordsUnique()
        records.base[slot].count = value
        return true
    }

    /// Adds `amount` (at least 1) to the count of `key`, adding the key when
    /// new; a count stops at `Int32.max`.
    public mutating func add(_ amount: Int32, to key: UnsafeRawBufferPointer) {
        guard key.count <= Self.maximumKeyLength, amount > 0 else { return }
        add(amount, to: key, heads: Self.heads(key))
    }

    /// The same for a key whose buffer the caller guarantees can be read 16
    /// bytes from the key's start, whatever its length, and 8 bytes past its
    /// end (the survey's key buffer): its first 16 bytes are read as two
    /// words, and the last bytes of a longer key as one, not byte by byte.
    /// Inlined into the survey's word loop, which calls it twice a word.
    @inline(__always)
    public mutating func add(_ amount: Int32, toPadded key: UnsafeRawBufferPointer) {
        makeRecordsUnique()
        addToUnique(amount, toPadded: key)
    }

    /// `add(_:toPadded:)` on records known unshared (a `Counter`'s).
    @inline(__always)
    private mutating func addToUnique(_ amount: Int32, toPadded key: UnsafeRawBufferPointer) {
        guard key.count <= Self.maximumKeyLength, amount > 0 else { return }
        let heads = Self.paddedHeads(key)
        addToUnique(amount, to: key, heads: heads, hash: Self.hash(key, heads: heads, readsPastEnd: true))
    }

    @inline(__always)
    private mutating func add(_ amount: Int32, to key: UnsafeRawBufferPointer, heads: (UInt64, UInt64)) {
        makeRecordsUnique()
        addToUnique(amount, to: key, heads: heads, hash: Self.hash(key, heads: heads))
    }

    /// Counts `key` in records known unshared: a key already held (most
    /// are) is found and counted in place; a new one is put in its empty slot.
    @inline(__always)
    private mutating func addToUnique(_ amount: Int32, to key: UnsafeRawBufferPointer, heads: (UInt64, UInt64), hash: UInt64) {
        if count >= growsAbove { grow() }
        let records = records
        let (slot, found) = arena.withUnsafeBytes { arena in
            Self.probe(UnsafeBufferPointer(start: records.base, count: records.count), arena: arena, key: key, heads: heads, hash: hash)
        }
        if found {
            // Held at the largest count, never wrapped: a wrapped count
            // would read negative, and at 0 mark the slot empty.
            let (sum, overflow) = records.base[slot].count.addingReportingOverflow(amount)
            records.base[slot].count = overflow ? .max : sum
        } else {
            put(amount, key, heads: heads, hash: hash, at: slot)
        }
    }

    /// The slots from which `addOnceEach` asks for a line's slots ahead:
    /// 1 << 16 slots of 24 bytes, 1.5 MB, about the size of a core's
    /// second-level cache, past which a probe waits on memory.
    static let prefetchedAbove = 1 << 16

    /// Counts each key of `keys` (spans of `bytes`) once, in order, on records
    /// known unshared, until the table holds `ceiling` entries; returns how
    /// many keys were counted (all, or those before the table reached the
    /// ceiling). `bytes` can be read 16 bytes from any key's start and 8 past
    /// its end (`add(_:toPadded:)`). The keys held already (most) are counted
    /// in one inner loop over the slots and arena as they stand; a new key is
    /// put outside it, and the bound and growth checked again only then, as
    /// only a new key changes them.
    @inline(__always)
    fileprivate mutating func addOnceEachUnique(_ keys: UnsafeBufferPointer<KeySpan>, in bytes: UnsafeRawPointer, until ceiling: Int) -> Int {
        assert(keys.allSatisfy { $0.length <= Self.maximumKeyLength })
        let size = records.count
        guard size >= Self.prefetchedAbove else { return addOnceEachUnique(keys, in: bytes, until: ceiling, hashes: nil) }
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: keys.count) { hashes in
            // In a table larger than a core's cache, every key is hashed first
            // and its home slot asked for, so that the slots of a line's keys
            // are fetched from memory together, not one after another as each
            // probe waits on the one before.
            for index in keys.indices {
                let span = keys[index]
                let key = UnsafeRawBufferPointer(start: bytes + Int(truncatingIfNeeded: span.start), count: Int(truncatingIfNeeded: span.length))
                let hash = Self.hash(key, heads: Self.paddedHeads(key), readsPastEnd: true)
                hashes[index] = hash
                emend_prefetch(records.base + Self.home(tag: Self.tagAndLength(hash: hash, length: key.count) >> 8, size: size))
            }
            return addOnceEachUnique(keys, in: bytes, until: ceiling, hashes: UnsafeBufferPointer(hashes))
        }
    }

    /// `addOnceEachUnique` with each key's hash made already (`hashes`, by
    /// index) or, with none, made as the key is counted.
    @inline(__always)
    private mutating func addOnceEachUnique(_ keys: UnsafeBufferPointer<KeySpan>, in bytes: UnsafeRawPointer, until ceiling: Int,
                                            hashes: UnsafeBufferPointer<UInt64>?) -> Int {
        var index = 0
        while index < keys.count {
            if count >= ceiling { return index }
            if count >= growsAbove { grow() }
            let records = UnsafeBufferPointer(start: records.base, count: records.count)
            // The keys held are counted in place until one is new: its slot, heads and hash.
            let new: (slot: Int, heads: (UInt64, UInt64), hash: UInt64)? = arena.withUnsafeBytes { arena in
                while index < keys.count {
                    let span = keys[index]
                    let key = UnsafeRawBufferPointer(start: bytes + Int(truncatingIfNeeded: span.start), count: Int(truncatingIfNeeded: span.length))
                    let heads = Self.paddedHeads(key)
                    let slot: Int, found: Bool, hash: UInt64
                    if key.count <= 16 {
                        hash = hashes?[index] ?? Self.shortHash(length: key.count, heads: heads)
                        (slot, found) = Self.probeShort(records, length: key.count, heads: heads, hash: hash)
                    } else {
                        hash = hashes?[index] ?? Self.hash(key, heads: heads, readsPastEnd: true)
                        (slot, found) = Self.probe(records, arena: arena, key: key, heads: heads, hash: hash)
                    }
                    guard found else { return (slot, heads, hash) }
                    // Held at the largest count, never wrapped (as `addToUnique`).
                    let (sum, overflow) = records[slot].count.addingReportingOverflow(1)
                    UnsafeMutablePointer(mutating: records.baseAddress! + slot).pointee.count = overflow ? .max : sum
                    index &+= 1
                }
                return nil
            }
            guard let new else { break }
            let span = keys[index]
            put(1, UnsafeRawBufferPointer(start: bytes + Int(truncatingIfNeeded: span.start), count: Int(truncatingIfNeeded: span.length)),
                heads: new.heads, hash: new.hash, at: new.slot)
            index &+= 1
        }
        return index
    }

    /// `Counter.addOnceEach` on the table in place: its slots are made
    /// unshared once for all of `keys`, with no counter taken and put back
    /// (the survey calls it once a line).
    @inline(never)
    package mutating func addOnceEach(_ keys: UnsafeBufferPointer<KeySpan>, in bytes: UnsafeRawPointer, until ceiling: Int) -> Int {
        makeRecordsUnique()
        return addOnceEachUnique(keys, in: bytes, until: ceiling)
    }

    /// Puts a new key, counted `amount`, into its empty slot (its bytes past
    /// the 8th into the arena when it is longer than 16).
    @inline(never)
    private mutating func put(_ amount: Int32, _ key: UnsafeRawBufferPointer, heads: (UInt64, UInt64), hash: UInt64, at slot: Int) {
        var record = Record(head: heads.0, second: heads.1, count: amount,
                            tagAndLength: Self.tagAndLength(hash: hash, length: key.count))
        if key.count > 16 {
            record.second = UInt64(arena.count)
            arena.append(contentsOf: UnsafeRawBufferPointer(rebasing: key[8...]))
        }
        records.base[slot] = record
        count += 1
    }

    /// Calls `body` with each key and its count, in slot order.
    public func forEach(_ body: (UnsafeRawBufferPointer, Int32) throws -> Void) rethrows {
        var key = [UInt8](repeating: 0, count: 16)
        for record in UnsafeBufferPointer(start: records.base, count: records.count) where record.count != 0 {
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
        makeRecordsUnique()
        var kept: [Record] = []
        var newArena: [UInt8] = []
        for var record in UnsafeBufferPointer(start: records.base, count: records.count) where record.count != 0 && keep(record.count) {
            if record.length > 16 {
                let start = Int(record.second)
                record.second = UInt64(newArena.count)
                newArena.append(contentsOf: arena[start..<(start + record.length - 8)])
            }
            kept.append(record)
        }
        arena = newArena
        records.base.update(repeating: Record(), count: records.count)
        count = 0
        for record in kept { insert(record) }
    }

    /// Puts a record whose key is not in the table into its slot, found from its tag.
    /// The records are unshared (`retain` and `grow` make them so).
    private mutating func insert(_ record: Record) {
        var slot = Self.home(tag: record.tag, size: records.count)
        while records.base[slot].count != 0 {
            slot += 1
            if slot == records.count { slot = 0 }
        }
        records.base[slot] = record
        count += 1
    }

    /// How many entries a table of `size` slots holds before it grows: half,
    /// or at its largest size the most it will be asked to hold.
    private func holds(_ size: Int) -> Int {
        size >= largestSize ? max(size / 2, min(maximumCount ?? 0, size * 3 / 4)) : size / 2
    }

    /// Doubles the slots, or at the last step grows them to `largestSize`; the
    /// entries held are copied aside first and the old slots let go, so the
    /// old and the new slots are never held together.
    @inline(never)  // rare: kept out of the adds that inline the check for it
    private mutating func grow() {
        let size = records.count * 2 > largestSize && records.count < largestSize ? largestSize : records.count * 2
        var held: [Record] = []
        held.reserveCapacity(count)
        for record in UnsafeBufferPointer(start: records.base, count: records.count) where record.count != 0 { held.append(record) }
        records = .none
        records = Records(count: size)
        growsAbove = holds(size)
        count = 0
        for record in held { insert(record) }
    }
}

extension WordCountTable {
    /// A table's slots, read for look-ups of keys of at most 16 bytes (whose
    /// bytes a slot holds whole: no arena), without the table's storage read
    /// again each time; taken by `WordCountTable.slots`, valid until the
    /// table next changes. Reads the slots; never changes them.
    package struct Slots {
        private let base: UnsafePointer<Record>
        private let size: Int

        fileprivate init(base: UnsafeMutablePointer<Record>, size: Int) {
            self.base = UnsafePointer(base)
            self.size = size
        }

        /// The count stored for a key of `length` bytes, at most 16, whose
        /// heads are `heads` (`WordCountTable.heads`): 0 when it has none. The
        /// same as `WordCountTable.count(of:heads:)` on the table the slots
        /// were taken from.
        @inline(__always)
        package func count(ofShortKey length: Int, heads: (UInt64, UInt64)) -> Int32 {
            assert(length <= 16)
            let tagAndLength = WordCountTable.tagAndLength(hash: WordCountTable.shortHash(length: length, heads: heads), length: length)
            var slot = WordCountTable.home(tag: tagAndLength >> 8, size: size)
            while true {
                let record = base[slot]
                if record.count == 0 { return 0 }
                if record.tagAndLength == tagAndLength && record.head == heads.0 && record.second == heads.1 { return record.count }
                slot &+= 1
                if slot == size { slot = 0 }
            }
        }
    }

    /// Where one key of a buffer of keys lies: its first byte's offset and its length.
    package struct KeySpan {
        package var start: UInt32
        package var length: UInt32

        @inline(__always)
        package init(start: Int, length: Int) {
            self.start = UInt32(truncatingIfNeeded: start)
            self.length = UInt32(truncatingIfNeeded: length)
        }
    }

    /// A table taken for many adds in a row (a survey merged into another):
    /// its slots are made unshared once when it is taken, not checked again on
    /// each add, as nothing else can see them until it is put back. Counts,
    /// growth and bound are the table's own. Never copied (`~Copyable`): a
    /// copy would write the same slots as the counter it came from.
    package struct Counter: ~Copyable {
        private var table: WordCountTable

        /// Takes `table`, leaving in its place an empty one without slots
        /// until `putBack(into:)`.
        package init(taking table: inout WordCountTable) {
            self.table = table
            table = WordCountTable(taken: ())
            self.table.makeRecordsUnique()
        }

        /// Gives the table back to where it was taken from (the counter is
        /// left with an empty one).
        package mutating func putBack(into table: inout WordCountTable) {
            swap(&table, &self.table)
        }

        /// The entries held.
        package var count: Int { table.count }

        /// `WordCountTable.add(_:toPadded:)`, without the check that the slots are unshared.
        @inline(__always)
        package mutating func add(_ amount: Int32, toPadded key: UnsafeRawBufferPointer) {
            table.addToUnique(amount, toPadded: key)
        }

        /// Counts each key of `keys`, spans of `bytes` of at most
        /// `maximumKeyLength` bytes each, once, in order, until
        /// the table holds `ceiling` entries (the caller then makes room and
        /// goes on from there); returns how many keys were counted. `bytes`
        /// can be read 16 bytes from any key's start and 8 past its end (as
        /// `add(_:toPadded:)`'s buffer). One tight loop of look-ups, apart
        /// from the loop that found the keys.
        @inline(never)
        package mutating func addOnceEach(_ keys: UnsafeBufferPointer<KeySpan>, in bytes: UnsafeRawPointer, until ceiling: Int) -> Int {
            table.addOnceEachUnique(keys, in: bytes, until: ceiling)
        }

        /// `WordCountTable.add(_:to:)`.
        package mutating func add(_ amount: Int32, to key: UnsafeRawBufferPointer) {
            table.add(amount, to: key)
        }

        /// `WordCountTable.retain(where:)`.
        package mutating func retain(where keep: (Int32) -> Bool) {
            table.retain(where: keep)
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
