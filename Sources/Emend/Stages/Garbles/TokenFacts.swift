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
        private var indices = ByteStringTable<Int32>(capacity: 4096)
        private var facts: [Facts] = []
        let limit: Int

        init(limit: Int) { self.limit = limit }

        /// The entry of `token`'s facts, made by `make` the first time it is asked for.
        mutating func entry(of token: UnsafeRawBufferPointer, make: () -> Facts) -> Int {
            if let index = indices.index(of: token) { return Int(indices[entry: index]) }
            if facts.count >= limit {
                indices.removeAll()
                facts.removeAll(keepingCapacity: true)
            }
            let made = make()
            indices.entry(for: token, initial: Int32(facts.count))
            facts.append(made)
            return facts.count - 1
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
