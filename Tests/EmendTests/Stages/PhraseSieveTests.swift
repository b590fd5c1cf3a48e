@testable import Emend
import Foundation
import Testing

/// A phrase rule's sieve (`PhraseSieve`) is read off its pattern: the
/// literal every match holds and the fixed parts around it. It must never
/// turn away a line the pattern matches, and must give no sieve for what it
/// cannot read for certain (flags, quoting, properties).
@Suite struct PhraseSieveTests {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
    private func spellings(_ words: String...) -> [[UInt8]] { words.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) } }

    /// The shipped rules give " he " between their groups' words, and " he able" after its verbs.
    @Test func theShippedPhrasesHaveTheirSieves() throws {
        var rules = GarbleRules()
        let shipped = try RuleLibrary(directory: nil).text(of: "garbles/default.yaml")
        try rules.add(text: try #require(shipped), file: "default.yaml")
        try #require(rules.phrases.count == 2)
        let first = try #require(rules.phrases[0].sieve)
        #expect(first.trigger == bytes(" he "))
        #expect(first.before == [spellings("to", "would", "will", "should", "must", "could", "might", "cannot", "not")])
        #expect(first.after == [spellings("shot", "arrested", "tried", "expelled", "executed", "sentenced", "released", "removed",
                                          "punished", "exiled", "repressed", "liquidated", "rehabilitated", "published", "sent",
                                          "given", "taken", "held", "considered", "seen")])
        let second = try #require(rules.phrases[1].sieve)
        #expect(second.trigger == bytes(" he able"))
        #expect(second.before == [spellings("to", "would", "will", "should", "must", "could", "might", "not")])
        #expect(second.after.isEmpty)
        #expect(rules.phrases.allSatisfy { $0.when == nil && $0.trigger == $0.sieve?.trigger })
    }

    @Test func literalsGroupsAndOptionalPartsGiveASoundSieve() throws {
        let cases: [(pattern: String, trigger: String, before: [[[UInt8]]], after: [[[UInt8]]])] = [
            ("abc", "abc", [], []),
            ("(foo|bar) baz", " baz", [spellings("foo", "bar")], []),
            ("(?:foo|bar) (?:baz)", " baz", [spellings("foo", "bar")], []),
            ("colou?r", "colo", [], [spellings("", "u"), spellings("r")]),
            ("(?<verb>shot|hit) by", " by", [spellings("shot", "hit")], []),
            ("a\\.b\\-c", "a.b-c", [], []),
            ("\\bthe\\b", "the", [], []),
            ("[A-Z]+ested", "ested", [], []),
            ("[a-z[^q]]xyz", "xyz", [], []),
            ("[\\]x]yz", "yz", [], []),
            ("\\d{4}s of", "s of", [], []),
            ("ab{2,}c", "ab", [], []),
            ("(ab)+c", "ab", [], []),
            ("x*yz", "yz", [], []),
            ("(?=abc)abd", "abd", [], []),
            ("(?<!x)ray (?>gun)", "ray gun", [], []),
            ("caf\u{e9} noir", "caf\u{e9} noir", [], []),
            ("(a|b)(c|d)ef", "ef", [spellings("c", "d"), spellings("a", "b")], []),
            ("(a|b)(c|d)+ef", "ef", [], []),
            ("he (is|was)? here", " here", [spellings("", "is", "was"), [bytes("he ")]], []),
        ]
        for (pattern, trigger, before, after) in cases {
            let sieve = PhraseSieve(pattern: pattern)
            #expect(sieve?.trigger == bytes(trigger), "\(pattern)")
            #expect(sieve?.before == before, "\(pattern)")
            #expect(sieve?.after == after, "\(pattern)")
        }
    }

    /// Flags, quoting, properties, back-references, alternatives at the top
    /// and patterns with no literal part give no sieve: they run on every line.
    @Test func whatItCannotReadForCertainGivesNoSieve() {
        for pattern in ["(?i)he able", "(?i:to) he", "he(?x) able", "to (?#note)he", "foo|bar", "\\Qa.b\\E",
                        "[a\\Q]\\E]xyz", "\\p{L}+ov", "\\x41bc", "\\N{LATIN SMALL LETTER A}bc", "(a)\\1x", "\\k<a>x",
                        "[]a]bc", "[^]a]bc", "[a-z]+", "(foo|bar)", ".*", "\\u0041bc", "abc\\", "a{,2}bc", "}bc", "]bc", "*bc"] {
            #expect(PhraseSieve(pattern: pattern) == nil, "\(pattern)")
        }
    }

    /// Lines the pattern matches always pass the sieve; lines it cannot match
    /// (most of them) are turned away: on the gold pages' lines and on lines
    /// made of the patterns' own pieces in random order, near misses included.
    @Test func everyLineAPatternMatchesPassesItsSieve() throws {
        // Each pattern with pieces of its own text and near misses, put together in random order.
        let patterns: [(pattern: String, pieces: [String])] = [
            ("(to|would|will|should|must|could|might|cannot|not) he (shot|arrested|tried|sentenced)",
             ["to", "would", "not", "cannot", " he ", "he", "shot", "tried", "tries", "s", "to he", "he shot"]),
            ("(to|would|not) he able", ["to", "would", "not", " he ", "he", "able", "abl", "he able", "not he"]),
            ("colou?r(ed)? (red|blue)", ["colo", "u", "r", "ed", "red", "blue", "c", "colour", "color", "colored", "coloured"]),
            ("(a|b)(c|d)ef", ["a", "b", "c", "d", "ef", "e", "acef", "bd"]),
            ("he (is|was)? here", ["he", "is", "was", "here", "h", "he ", "he is", " here"]),
            ("[A-Z][a-z]+ested by", ["Mol", "Rest", "ested", " by", "b", "y", "ested by", "Arrested"]),
            ("(?<!x)ray (?>gun|beam)s?", ["x", "ray", "gun", "beam", "s", "ra", "xray", "ray gun"]),
            ("\\d{2,4}s of (war|peace)", ["19", "3", "s", " of ", "war", "peace", "of", "1930s", "1930s of", "of war", "5s of"]),
            ("of\\.? the", ["of", ".", "the", "of the", "o", "\u{e9}", "of."]),
        ]
        let gold = try GoldPage.all().flatMap { $0.raw.split(separator: "\n").map(String.init) }
        var generator = SeededGenerator(seed: 1937)
        for (pattern, pieces) in patterns {
            let sieve = try #require(PhraseSieve(pattern: pattern), "\(pattern)")
            let regex = try NSRegularExpression(pattern: "\\b(?:" + pattern + ")\\b")
            let made = (0..<1000).map { _ in
                (0..<(2 + Int(generator.next() % 7))).map { _ in generator.pick(pieces) + generator.pick(["", " ", " ", " ", "-"]) }.joined()
            }
            var matched = 0, goldTurnedAway = 0
            for (index, line) in (gold + made).enumerated() {
                let matches = regex.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil
                let passes = sieve.mayMatch(bytes(line))
                if matches { matched += 1 }
                if !passes && index < gold.count { goldTurnedAway += 1 }
                #expect(!matches || passes, "\(pattern) matches \(line) but its sieve turns it away")
            }
            #expect(matched >= 5, "\(pattern): \(matched) lines matched, too few to show anything")
            #expect(goldTurnedAway > gold.count / 2, "\(pattern): the sieve let most lines of text through")
        }
    }

    /// With the sieves and without (every pattern on every line), the same
    /// output and the same changes; a pattern with no sieve and a `when` still
    /// decide as before.
    @Test func sievesChangeNoOutput() throws {
        let file = Scratch.root.appendingPathComponent("emend-phrases-\(UUID().uuidString).yaml")
        try """
        phrases:
          - {find: "(?i)THE the", replace: "the"}
          - {when: "Polit", find: "Polit ?buro", replace: "Politburo"}
          - {find: "col(ou?)r(ed)? (red|blue)", replace: "col$1r$2"}
        """.write(to: file, atomically: true, encoding: .utf8)
        let text = """
        The the order said he would he shot at dawn; it had to he tried first.
        They could he able to go, or not he able. He would he shotgun nothing.
        The Polit buro met; the Politburo voted. Colour red, colored blue, colr red.
        would he arrested him? he must he sentenced and could he released

        """
        let fast = try GarbleRepair(configuration: .init(rulesFile: file.path))
        var full = try GarbleRepair(configuration: .init(rulesFile: file.path))
        full.usesShortcuts = false
        let (fastText, fastChanges) = try fast.applyReportingChanges(to: text)
        let (fullText, fullChanges) = try full.applyReportingChanges(to: text)
        #expect(fastText == fullText)
        #expect(fastChanges == fullChanges)
        #expect(fastText.hasPrefix("the order said he would be shot at dawn; it had to be tried first.\n"))
        #expect(fastText.contains("They could be able to go, or not be able. He would he shotgun nothing.\n"))
        #expect(fastText.contains("The Politburo met; the Politburo voted. Colour red, colored, colr red.\n"))
        #expect(fastText.contains("would be arrested him? he must be sentenced and could be released\n"))
    }

    /// The trigger search that moves on by its table finds the place a search
    /// of every place finds, from every start: on each raw line of the gold
    /// pages, for the shipped triggers and a few of one, two and nine bytes,
    /// and on made-up lines where the trigger stands at the start, the end,
    /// twice, overlapping itself or cut off by the line's end.
    @Test func theTriggerSearchFindsWhatEveryPlaceFinds() throws {
        let patterns = ["(to|would) he (shot|sent)", "(to|would|not) he able", "e", "th", "Committee", "aa", "abab"]
        let sieves = try patterns.map { try #require(PhraseSieve(pattern: $0), "\($0)") }
        var lines = try GoldPage.allRawLines()
        lines += ["", "a", "aa", "aaa", " he ", " he", "he ", "x he he able he ", "ababab", "abab", "bab", "th th", "ttth",
                  "Committe", "the Committee", "Committee of the Committee"].map { Array($0.utf8) }
        for line in lines {
            line.withUnsafeBufferPointer { bytes in
                for sieve in sieves {
                    for from in 0...bytes.count {
                        #expect(sieve.find(in: bytes, from: from) == sieve.findPlaceByPlace(in: bytes, from: from),
                                "\(String(decoding: sieve.trigger, as: UTF8.self)) in \(String(decoding: line, as: UTF8.self)) from \(from)")
                    }
                }
            }
        }
    }
}
