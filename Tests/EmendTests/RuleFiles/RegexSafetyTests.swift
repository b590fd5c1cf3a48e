@testable import Emend
import Foundation
import Testing

/// Patterns in rule files come from users: the ones a backtracking matcher can
/// spend exponential time on are refused before they run.
@Suite struct RegexSafetyTests {
    @Test(arguments: [
        ("(a+)+b", "a repeated group holds a repetition (nested quantifier), which can run away"),
        ("(\\w*)*$", "a repeated group holds a repetition (nested quantifier), which can run away"),
        ("((ab)?c+){2,}", "a repeated group holds a repetition (nested quantifier), which can run away"),
        ("(a|aa)+b", "a repeated group holds alternatives ((a|ab)*), which can run away"),
        ("x(?:cont|continued)*", "a repeated group holds alternatives ((a|ab)*), which can run away"),
        ("(a*)\\1", "a back-reference (\\1), which can take exponential time"),
        ("(?<w>a)\\k<w>", "a back-reference (\\k), which can take exponential time"),
        (String(repeating: "a", count: 501), "longer than 500 characters"),
        // Wrapped in "^(?:" + pattern + ")$", this closes the wrapper and repeats it.
        ("a+)+(?:x", "it does not compile on its own (a parenthesis without its partner, say)"),
        // \Q)\E is a literal parenthesis: the group goes on to hold \w+, and repeats.
        ("(\\Q)\\E\\w+)+y", "a repeated group holds a repetition (nested quantifier), which can run away"),
        ("(?x)(a+ #)\n)+y", "free-spacing mode ((?x)), whose comments hide the pattern's shape"),
        ("(?ix:(a+ #)\n)+y)", "free-spacing mode ((?x)), whose comments hide the pattern's shape"),
        ("(a+(?#))+y", "a comment ((?#…)), which hides the pattern's shape"),
    ])
    func runawayPatternsAreRefused(pattern: String, problem: String) {
        #expect(RegexSafety.problem(in: pattern) == problem)
    }

    @Test(arguments: [
        "(document|table)\\s+[0-9ivxlc]+[a-z]?\\s*[\\(\\[]?(continued|cont\\.|contd\\.?|cont''d)[\\)\\]]?\\.?",
        "(ab){2}", "(a|b)?", "[(|)+*]+", "\\(a+\\)+", "\\0101", "(to|would) he (shot|arrested)",
        "\\Q(a+)+\\E", "(?i:cont)", "(?-x:a)",
    ])
    func ordinaryPatternsPass(pattern: String) {
        #expect(RegexSafety.problem(in: pattern) == nil)
    }

    /// Every pattern shipped in rules/ passes, and runs quickly on a long line
    /// made to provoke backtracking.
    @Test func shippedPatternsPassAndRunInTime() throws {
        let line = String(repeating: "document aaaa cont ", count: 2_000) + "!"
        let library = RuleLibrary.builtIn
        for scheme in TransliterationSchemes.names {
            let patterns = try ProseConverter.loadPatterns(library: library, scheme: scheme)
            let clock = ContinuousClock()
            let elapsed = clock.measure {
                for pattern in patterns { _ = pattern.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) }
            }
            #expect(elapsed < .seconds(1))
        }
        #expect(throws: Never.self) { try PageStructure() }
        #expect(throws: Never.self) { try GarbleRepair() }
    }
}
