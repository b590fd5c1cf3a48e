@testable import Emend
import Testing

/// Whether a confusion is of consonants alone, read off its bytes: as the
/// vowels of a String found it, on every confusion of the rule files, on
/// made-up pairs and on every single byte.
@Suite struct ConsonantConfusionTests {
    @Test func consonantConfusionsAreFoundAsBefore() throws {
        let rules = try GarbleRepair().context.rules
        var pairs = rules.confusions + rules.learnedConfusions
        for (read, meant) in [("r", "s"), ("A", "b"), ("E", "f"), ("I", "l"), ("O", "o"), ("U", "ll"), ("y", "v"), ("Y", "q"),
                              ("!", "A"), ("é", "e"), ("rn", "m"), ("", ""), ("Aa", "x"), ("@", "`"), ("q", "Q")] {
            pairs.append(GarbleRules.Confusion(read: Array(read.utf8), meant: Array(meant.utf8), rule: "test"))
        }
        for byte in UInt8(0)...UInt8(255) {
            pairs.append(GarbleRules.Confusion(read: [byte], meant: [], rule: "byte"))
            pairs.append(GarbleRules.Confusion(read: [0x72], meant: [byte], rule: "byte"))
        }
        var consonants = 0
        for pair in pairs {
            let isVowel = { (byte: UInt8) in "aeiouAEIOU".utf8.contains(byte) }
            let expected = !pair.read.contains(where: isVowel) && !pair.meant.contains(where: isVowel)
            #expect(pair.isOfConsonants == expected, "\(pair.read) \(pair.meant)")
            if expected { consonants += 1 }
        }
        #expect(consonants > 0 && consonants < pairs.count)
    }
}
