import Foundation

/// The garbles stage's decision about each distinct token of one document,
/// computed once and looked up after: a token's repair depends only on its
/// bytes and the document's counts, which a survey fixes before the run.
///
/// Shared by the copies of one stage value (a reference), so guarded by a
/// lock; bounded: emptied when it holds `limit` tokens. Never changes text.
final class TokenDecisions: @unchecked Sendable {
    typealias Decision = (text: [UInt8], rule: String)?

    private var indices = ByteStringTable<Int32>(capacity: 4096)
    private var decisions: [Decision] = []
    private let lock = NSLock()
    let limit: Int

    init(limit: Int = 1 << 16) { self.limit = limit }

    /// The decision for `token`, made by `decide` of `decider` the first time
    /// it is asked for. The decider is handed to `decide`, not captured by it: a
    /// closure that captured the garbles stage's whole `Context` copied it each time.
    func decision<Decider>(for token: [UInt8], by decider: Decider, decide: (Decider, [UInt8]) -> Decision) -> Decision {
        lock.lock()
        if let index = token.withUnsafeBytes({ indices.index(of: $0) }) {
            let found = decisions[Int(indices[entry: index])]
            lock.unlock()
            return found
        }
        lock.unlock()
        let made = decide(decider, token)
        lock.lock()
        defer { lock.unlock() }
        if decisions.count >= limit {
            indices.removeAll()
            decisions.removeAll(keepingCapacity: true)
        }
        token.withUnsafeBytes { raw in
            let entry = indices.entry(for: raw, initial: Int32(decisions.count))
            if Int(indices[entry: entry]) == decisions.count { decisions.append(made) }
        }
        return made
    }
}
