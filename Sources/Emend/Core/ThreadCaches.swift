/// A stage whose copies share a cache of the document (a reference, locked)
/// that a copy running on a thread of its own does better to keep alone:
/// read for every token, a shared one keeps the other thread waiting on its
/// lock. What the cache holds depends only on the document, so a copy with a
/// cache of its own gives the same output; it makes the entries again as it
/// meets their tokens.
protocol ThreadCaches {
    /// Gives this copy empty caches of its own in place of the shared ones;
    /// the copies it was made from keep theirs. Changes no output.
    mutating func takeThreadCachesOfItsOwn()
}

extension GarbleRepair: ThreadCaches {
    /// The token facts (`TokenFacts`) become this copy's own; the token
    /// decisions (`TokenDecisions`) stay shared: each is costly to make and
    /// its lock is held only to find or keep one.
    mutating func takeThreadCachesOfItsOwn() {
        context.tokenFacts = TokenFacts()
    }
}
