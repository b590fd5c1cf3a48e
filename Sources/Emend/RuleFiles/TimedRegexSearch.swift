import Foundation

/// Searches one line with a rule file's pattern under a time limit, so that
/// a pattern which backtracks without end stops the run (the stage throws
/// `StageError.ruleTooSlow`, naming the rule) instead of hanging it. Every
/// stage whose rule files hold patterns searches through it (garbles'
/// phrases, page-structure's furniture patterns). Reads; never changes text.
enum TimedRegexSearch {
    /// The longest one pattern may search one line, in seconds.
    static let timeLimit = 0.5

    /// Hands each match of `regex` in `string` to `found`, which returns
    /// false to end the search; returns false when the search ran over
    /// `timeLimit` (the matches handed so far stand).
    static func enumerateMatches(of regex: NSRegularExpression, in string: String,
                                 _ found: (NSTextCheckingResult) -> Bool) -> Bool {
        var inTime = true
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeLimit * 1e9)
        withoutActuallyEscaping(found) { found in  // Foundation on Linux declares the block escaping; it runs before the call returns
            regex.enumerateMatches(in: string, options: [.reportProgress], range: NSRange(string.startIndex..., in: string)) { match, _, stop in
                if let match, !found(match) { stop.pointee = true }
                if DispatchTime.now().uptimeNanoseconds > deadline { inTime = false; stop.pointee = true }
            }
        }
        return inTime
    }
}
