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
/// taken once per line; bounded: emptied when it holds `limit` tokens. Never
/// changes text and decides nothing itself: the facts are the `Context`'s.
final class TokenFacts: @unchecked Sendable {
    /// One token's facts.
    struct Facts {
        /// `GarbleTokenShape.bits` of the token.
        var shapeBits: Int
        /// True when the token repairs may change it: it has a letter and their
        /// shared trigger (`Context.tokenRepairsMayApply`) fires.
        var mayRepairItself: Bool
        /// Whether its repair (`Context.repairToken`) changes it, once asked (nil before).
        var repairChangesIt: Bool?
    }

    /// The tokens' facts, each found by its bytes; looked up under the lock (`withTable`).
    struct Table {
        /// Each token's place in `facts` plus one, by its bytes: a table whose
        /// slot holds a short token's bytes, so a look-up reads one record.
        private var indices: WordCountTable
        private var facts: [Facts] = []
        /// For each pair of shapes (`previous.bits << bitCount | current.bits`),
        /// whether a join repair's trigger fires on it: 0 until the document
        /// shows the pair, then 1 (no) or 2 (yes). Kept when the table is emptied.
        private var joinTriggers = [UInt8](repeating: 0, count: 1 << (2 * GarbleTokenShape.bitCount))
        let limit: Int
        private static let initialCapacity = 4096

        init(limit: Int) {
            self.limit = limit
            indices = WordCountTable(capacity: Self.initialCapacity, maximumCount: limit)
        }

        /// The entry of `token`'s facts, made by `make` the first time it is
        /// asked for; `readableBytes`: how many bytes can be read from the
        /// token's start (`WordCountTable.count(of:readableBytes:)`). A token
        /// too long for the table (`WordCountTable.maximumKeyLength`) is not
        /// kept: its facts are made each time.
        mutating func entry(of token: UnsafeRawBufferPointer, readableBytes: Int, make: () -> Facts) -> Int {
            let found = indices.count(of: token, readableBytes: readableBytes)
            if found > 0 { return Int(found) - 1 }
            if facts.count >= limit {
                indices = WordCountTable(capacity: Self.initialCapacity, maximumCount: limit)
                facts.removeAll(keepingCapacity: true)
            }
            facts.append(make())
            indices.add(Int32(facts.count), to: token)
            return facts.count - 1
        }

        /// `GarbleTokenShape.joinTriggers` at the pair of shapes, worked out the
        /// first time the document shows the pair (most of the table's pairs never occur).
        mutating func joinTrigger(_ previousBits: Int, _ currentBits: Int) -> Bool {
            let pair = previousBits << GarbleTokenShape.bitCount | currentBits
            if joinTriggers[pair] == 0 {
                let fires = GarbleTokenShape.joinTrigger(GarbleTokenShape(bits: previousBits), GarbleTokenShape(bits: currentBits))
                joinTriggers[pair] = fires ? 2 : 1
            }
            return joinTriggers[pair] == 2
        }

        subscript(entry: Int) -> Facts {
            get { facts[entry] }
            set { facts[entry] = newValue }
        }
    }

    private var table: Table
    private let lock = NSLock()

    init(limit: Int = 1 << 16) { table = Table(limit: limit) }

    /// Runs `body` on the table under the lock (once per line, not per token).
    func withTable<Result>(_ body: (inout Table) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body(&table)
    }
}
