@testable import Emend
import Foundation
import Testing

/// Inputs the fuzz targets (Fuzz/, scripts/fuzz) stopped on, kept so they stay handled.
@Suite struct FuzzRegressionTests {
    /// garbles-rules, leak-b20b4da6: a phrase pattern of 325 characters, 333 as compiled (an alternative
    /// stretched with '='). The leak was Foundation's (see Fuzz/lsan.supp); the rule
    /// loads and runs like a short one.
    @Test func aLongPhrasePatternLoadsAndRuns() throws {
        let long = "(to|would|not" + String(repeating: "=", count: 142) + ") he (shot|arrested|tried|expelled|executed|sentenced|released|removed|punished|exiled|repressed|liquidated|rehabilitated|published|sent|given|taken|held|considered|seen)"
        var rules = GarbleRules()
        try rules.add(text: "phrases:\n  - {when: \" he \", find: \"\(long)\", replace: \"$1 be $2\"}\n", file: "g.yaml")
        #expect(rules.phrases.count == 1)
        let line = "they would he shot\n"
        let range = NSRange(line.startIndex..., in: line)
        #expect(rules.phrases[0].regex.stringByReplacingMatches(in: line, range: range, withTemplate: "$1 be $2") == "they would be shot\n")
    }
}
