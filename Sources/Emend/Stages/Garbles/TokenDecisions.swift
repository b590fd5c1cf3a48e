import Foundation

/// The garbles stage's decision about each distinct token of one document,
/// computed once and looked up after: a token's repair depends only on its
/// bytes and the document's counts, which a survey fixes before the run.
///
/// Shared by the copies of one stage value (a reference), so guarded by a
/// lock; bounded: emptied when it holds `limit` tokens. Never changes text.
final class TokenDecisions: @unchecked Sendable {
    typealias Decision = (text: [UInt8], rule: String)?

    /// Each token's decision, kept in the table itself: one probe finds it, and one adds it.
    /// Exclusive access is the lock's, not checked again at run time.
    @exclusivity(unchecked) private var decisions = ByteStringTable<Decision>(capacity: 4096)
    private let lock = TableLock()
    let limit: Int

    init(limit: Int = 1 << 16) { self.limit = limit }

    /// The decision for `token`, made by `decide` of `decider` the first time
    /// it is asked for. The decider is handed to `decide`, not captured by it: a
    /// closure that captured the garbles stage's whole `Context` copied it each time.
    func decision<Decider>(for token: [UInt8], by decider: Decider, decide: (Decider, [UInt8]) -> Decision) -> Decision {
        lock.lock()
        if let index = token.withUnsafeBytes({ decisions.index(of: $0) }) {
            let found = decisions[entry: index]
            lock.unlock()
            return found
        }
        lock.unlock()
        let made = decide(decider, token)
        lock.lock()
        defer { lock.unlock() }
        if decisions.count >= limit { decisions.removeAll() }
        // Another copy of the stage may have decided the token meanwhile: the first decision stays.
        token.withUnsafeBytes { raw in _ = decisions.entry(for: raw, initial: made) }
        return made
    }
}
