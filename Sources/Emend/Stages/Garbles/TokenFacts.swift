import Foundation

/// What the word repairs' trigger (`WordRepairs.mayApply`) asks of each
/// distinct token of a surveyed document, worked out once and looked up after:
/// the token's shape (what the join repairs' triggers read) and whether a
/// repair of its own changes it. Both depend only on the token's bytes and the
/// document's counts, which a survey fixes before the run, so a token the
/// document repeats ("the", "of", a running head's words) is looked up in a
/// small table of its own words instead of in the English list each time.
///
/// Shared by the copies of one stage value (a reference), so guarded by a lock
/// taken once per line (the chunk threads each have a table of their own:
/// `ThreadCaches`); bounded: emptied when it holds `limit` tokens. Never
/// changes text and decides nothing itself: the facts are the `Context`'s.
final class TokenFacts: @unchecked Sendable {
    /// One token's facts, held packed as one positive value (the value the
    /// table keeps for the token): the shape's bits, then a bit for
    /// `mayRepairItself`, two for `repairChangesIt` (0 not asked, 1 no, 2 yes),
    /// and a bit always set, so that no facts pack to 0 (an empty slot).
    struct Facts {
        private(set) var packed: Int32

        private static let shapeBitCount = Int32(GarbleTokenShape.bitCount)
        private static let shapeMask: Int32 = (1 << shapeBitCount) - 1

        init(shapeBits: Int, mayRepairItself: Bool, repairChangesIt: Bool?) {
            packed = Int32(shapeBits) & Self.shapeMask | 1 << (Self.shapeBitCount + 3)
            self.mayRepairItself = mayRepairItself
            self.repairChangesIt = repairChangesIt
        }

        /// Facts read back from their packed value.
        init(packed: Int32) { self.packed = packed }

        /// `GarbleTokenShape.bits` of the token.
        var shapeBits: Int { Int(packed & Self.shapeMask) }

        /// True when the token repairs may change it: it has a letter and their
        /// shared trigger (`Context.tokenRepairsMayApply`) fires.
        var mayRepairItself: Bool {
            get { (packed >> Self.shapeBitCount) & 1 == 1 }
            set { packed = packed & ~(1 << Self.shapeBitCount) | (newValue ? 1 : 0) << Self.shapeBitCount }
        }

        /// Whether its repair (`Context.repairToken`) changes it, once asked (nil before).
        var repairChangesIt: Bool? {
            get {
                let state = (packed >> (Self.shapeBitCount + 1)) & 3
                return state == 0 ? nil : state == 2
            }
            set {
                let state: Int32 = newValue.map { $0 ? 2 : 1 } ?? 0
                packed = packed & ~(3 << (Self.shapeBitCount + 1)) | state << (Self.shapeBitCount + 1)
            }
        }
    }

    /// The tokens' facts, each found by its bytes; looked up under the lock (`withTable`).
    struct Table {
        /// Each token's facts, packed into the value the table holds for its
        /// bytes (`Facts.packed`): a table whose slot holds a short token's bytes,
        /// so a look-up reads one record and nothing else.
        private var values: WordCountTable
        /// For each pair of shapes (`previous.bits << bitCount | current.bits`),
        /// the join repairs whose trigger fires on it (`GarbleTokenShape.joinTriggerSet`)
        /// with `weighedPair` set: 0 until the document shows the pair. Kept
        /// when the table is emptied; never moves (a `Reader` reads it).
        private let joinTriggers = JoinTriggers()
        /// The facts of short tokens read lately (`RecentTokens`): each the
        /// table's own for its token, kept so as the table changes. Never moves.
        private let recent = RecentTokens()
        /// Set in `joinTriggers` at a pair worked out.
        private static let weighedPair: UInt16 = 0x8000
        let limit: Int
        private static let initialCapacity = 4096

        init(limit: Int) {
            self.limit = limit
            values = WordCountTable(capacity: Self.initialCapacity, maximumCount: limit)
        }

        /// The facts of `token`, made by `make` the first time it is asked
        /// for; `readableBytes`: how many bytes can be read from the token's
        /// start (`WordCountTable.count(of:readableBytes:)`). A token too long
        /// for the table (`WordCountTable.maximumKeyLength`) is not kept: its
        /// facts are made each time.
        @inline(__always)
        mutating func facts(of token: UnsafeRawBufferPointer, readableBytes: Int, make: () -> Facts) -> Facts {
            let found = values.count(of: token, readableBytes: readableBytes)
            if found > 0 { return Facts(packed: found) }
            return add(token, make())
        }

        /// The same for a token whose heads were read as its end was found
        /// (`TokenHeadScanner`): the look-up reads no byte of it again.
        @inline(__always)
        mutating func facts(of token: UnsafeRawBufferPointer, heads: (UInt64, UInt64), make: () -> Facts) -> Facts {
            let found = values.count(of: token, heads: heads)
            if found > 0 { return Facts(packed: found) }
            return add(token, make())
        }

        /// Keeps the facts of a token not yet held (emptying the table first when it holds `limit`).
        @inline(never)
        private mutating func add(_ token: UnsafeRawBufferPointer, _ facts: Facts) -> Facts {
            if values.count >= limit {
                values = WordCountTable(capacity: Self.initialCapacity, maximumCount: limit)
                recent.removeAll()
            }
            values.add(facts.packed, to: token)
            return facts
        }

        /// Records whether `token`'s repair changes it (`Facts.repairChangesIt`),
        /// when its facts are held.
        mutating func setRepairChanges(_ changes: Bool, of token: UnsafeRawBufferPointer) {
            let held = values.count(of: token)
            guard held > 0 else { return }
            var facts = Facts(packed: held)
            facts.repairChangesIt = changes
            values.replaceCount(of: token, with: facts.packed)
            recent.replace(token, with: facts.packed)
        }

        /// `GarbleTokenShape.joinTriggers` at the pair of shapes, worked out the
        /// first time the document shows the pair (most of the table's pairs never occur).
        /// Inlined into the token loop: a pair the document has shown is one read.
        @inline(__always)
        mutating func joinTrigger(_ previousBits: Int, _ currentBits: Int) -> Bool {
            joinTriggerSet(previousBits, currentBits) != 0
        }

        /// `GarbleTokenShape.joinTriggerSet` at the pair of shapes, worked out
        /// the first time the document shows the pair.
        @inline(__always)
        mutating func joinTriggerSet(_ previousBits: Int, _ currentBits: Int) -> UInt16 {
            let pair = previousBits << GarbleTokenShape.bitCount | currentBits
            let known = joinTriggers.pairs[pair]
            return known != 0 ? known & ~Self.weighedPair : weighJoinTrigger(pair)
        }

        /// Works out the join triggers at a pair the document shows for the first time.
        @inline(never)
        private mutating func weighJoinTrigger(_ pair: Int) -> UInt16 {
            let fires = GarbleTokenShape.joinTriggerSet(GarbleTokenShape(bits: pair >> GarbleTokenShape.bitCount),
                                                        GarbleTokenShape(bits: pair))
            joinTriggers.pairs[pair] = fires | Self.weighedPair
            return fires
        }

        /// The table as it stands, read by a line's token loop without going
        /// through the table for each token; valid until the table next
        /// changes its tokens (`facts(of:heads:make:)` for a token not held,
        /// `setRepairChanges`): take it again after either.
        var reader: Reader { Reader(slots: values.slots, joinTriggers: UnsafePointer(joinTriggers.pairs), recent: recent.entries) }

        /// A read of the table's facts and join triggers as they stand
        /// (`Table.reader`): what it finds is what the table's own look-ups
        /// return; what it does not hold (a token not yet held or longer than
        /// 16 bytes, a pair of shapes not yet shown) it leaves to the table.
        /// Never changes the table; keeps what it finds of a token of 8 bytes
        /// or fewer in the table's `RecentTokens`.
        struct Reader {
            let slots: WordCountTable.Slots
            let joinTriggers: UnsafePointer<UInt16>
            let recent: UnsafeMutablePointer<RecentTokens.Entry>

            /// The facts held for a token of `length` bytes, at most 16, with
            /// heads `heads` (`TokenHeadScanner`); nil when the table holds none.
            /// A token of 8 bytes or fewer read lately is one slot of
            /// `RecentTokens` (one multiply, no hash of the table's, no probe).
            @inline(__always)
            func facts(ofShortToken length: Int, heads: (UInt64, UInt64)) -> Facts? {
                guard RecentTokens.holds(length) else {
                    let found = slots.count(ofShortKey: length, heads: heads)
                    return found > 0 ? Facts(packed: found) : nil
                }
                let slot = RecentTokens.slot(of: heads.0)
                if let kept = recent[slot].facts(length: length, head: heads.0) { return Facts(packed: kept) }
                let found = slots.count(ofShortKey: length, heads: heads)
                guard found > 0 else { return nil }
                recent[slot] = RecentTokens.Entry(length: length, head: heads.0, packed: found)
                return Facts(packed: found)
            }

            /// `Table.joinTrigger` at a pair of shapes the document has shown;
            /// nil at a pair not yet worked out.
            @inline(__always)
            func joinTrigger(_ previousBits: Int, _ currentBits: Int) -> Bool? {
                let known = joinTriggers[previousBits << GarbleTokenShape.bitCount | currentBits]
                return known != 0 ? known & ~Table.weighedPair != 0 : nil
            }
        }
    }

    /// The packed facts of tokens of 8 bytes or fewer that a `Reader` found in
    /// the table lately, one slot to each head (the token's bytes, zero-padded:
    /// `WordCountTable.heads`), chosen by one multiply: a token met again whose
    /// slot still holds it is found there. Each entry is the table's value for
    /// its token as it stands: the table replaces an entry's value when it sets
    /// the token's (`Table.setRepairChanges`) and empties them all when it
    /// empties itself. Decides nothing; storage that stays in place for the
    /// table's life.
    final class RecentTokens: @unchecked Sendable {
        /// A token's length and head with its packed facts; all zero when empty
        /// (no token is empty: an empty entry matches none).
        struct Entry {
            let head: UInt64
            let lengthAndPacked: UInt64

            @inline(__always)
            init(length: Int, head: UInt64, packed: Int32) {
                self.head = head
                lengthAndPacked = UInt64(truncatingIfNeeded: length) << 32 | UInt64(UInt32(bitPattern: packed))
            }

            static let empty = Entry(length: 0, head: 0, packed: 0)

            /// The packed facts held for the token of `length` bytes (1 to 8) and `head`; nil for another token.
            @inline(__always)
            func facts(length: Int, head: UInt64) -> Int32? {
                self.head == head && lengthAndPacked >> 32 == UInt64(truncatingIfNeeded: length)
                    ? Int32(truncatingIfNeeded: lengthAndPacked) : nil
            }
        }

        static let slotBits = 13
        static let count = 1 << slotBits
        let entries: UnsafeMutablePointer<Entry>

        init() { entries = .allocate(capacity: Self.count); entries.initialize(repeating: .empty, count: Self.count) }
        deinit { entries.deallocate() }

        /// Whether a token of `length` bytes is kept here: 1 to 8 bytes, its whole self in its first head.
        @inline(__always)
        static func holds(_ length: Int) -> Bool { UInt(bitPattern: length &- 1) < 8 }

        /// The slot of a token whose first head is `head`.
        @inline(__always)
        static func slot(of head: UInt64) -> Int {
            Int(truncatingIfNeeded: (head &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - slotBits))
        }

        /// Sets the packed facts of `token` to `packed` where its slot holds it; else changes nothing.
        func replace(_ token: UnsafeRawBufferPointer, with packed: Int32) {
            guard Self.holds(token.count) else { return }
            let head = WordCountTable.heads(token).0
            let slot = Self.slot(of: head)
            guard entries[slot].facts(length: token.count, head: head) != nil else { return }
            entries[slot] = Entry(length: token.count, head: head, packed: packed)
        }

        func removeAll() { entries.update(repeating: .empty, count: Self.count) }
    }

    /// The join triggers of each pair of shapes (`Table.joinTriggers`), in
    /// storage that stays in place for the table's life.
    private final class JoinTriggers: @unchecked Sendable {
        let pairs: UnsafeMutablePointer<UInt16>
        static let count = 1 << (2 * GarbleTokenShape.bitCount)

        init() { pairs = .allocate(capacity: Self.count); pairs.initialize(repeating: 0, count: Self.count) }
        deinit { pairs.deallocate() }
    }

    /// Exclusive access is the lock's (`withTable`), not checked again at run time.
    @exclusivity(unchecked) private var table: Table
    private let lock = TableLock()

    init(limit: Int = 1 << 16) { table = Table(limit: limit) }

    /// Runs `body` on the table under the lock (once per line, not per token).
    func withTable<Result>(_ body: (inout Table) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body(&table)
    }
}
