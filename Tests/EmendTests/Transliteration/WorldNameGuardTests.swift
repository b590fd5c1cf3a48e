import Emend
import Foundation
import Testing

/// Names the English-speaking world bears (`lexicon/world-names.txt`, the
/// 1990 United States census), in prose read as a Russian scheme: kept as
/// they are and listed with their Russian reading, unless the hand lexicon
/// has them or they are spelled as English names are not.
@Suite struct WorldNameGuardTests {
    /// `text` read as `loc` and written in `scholarly` with the hand lexicon held out, and the changes reported.
    private func locToScholarlyHeldOut(_ text: String) throws -> (String, [Change]) {
        let (stage, cleanUp) = try heldOut(from: .loc, to: .scholarly)
        defer { cleanUp() }
        return try stage.applyReportingChanges(to: text)
    }

    /// In a `loc` text, Falk, Gershman and Alberts read as Фальк, Гершман and
    /// Альбертс, names the name list has, and Elgin as Эльгин: each stays and
    /// is listed as `world-name` with its reading. Dubovsky (-sky) and Ezhov
    /// (-ov), spelled as English names are not, still convert.
    @Test func theWorldsNamesAreListedNotConverted() throws {
        let (output, changes) = try locToScholarlyHeldOut("Lord Elgin's talks with Falk, Gershman and Alberts; Ezhov and Dubovsky listened.\n")
        #expect(output == "Lord Elgin's talks with Falk, Gershman and Alberts; Ežov and Dubovskij listened.\n")
        let held = Set(changes.filter { $0.rule.contains(":world-name") }.map(\.before))
        #expect(held.isSuperset(of: ["Falk", "Gershman", "Alberts"]), "held: \(held.sorted())")
        #expect(changes.first { $0.before == "Falk" }?.rule.hasSuffix("world-name: Фальк") == true)
    }

    /// A census name that only the name-spelling model reads is held though
    /// it is spelled with zh or kh (Zhang, Burkhard: no list has Жанг or
    /// Бурхард, and no ending confirms them); Dubovsky and Ezhov, whose
    /// readings the name list has, still convert.
    @Test func aReadingTheModelAloneGivesIsHeld() throws {
        let (output, changes) = try locToScholarlyHeldOut("Talks with Zhang and Burkhard; Ezhov and Dubovsky listened.\n")
        #expect(output == "Talks with Zhang and Burkhard; Ežov and Dubovskij listened.\n")
        #expect(changes.first { $0.before == "Zhang" }?.rule.hasSuffix("world-name: Жанг") == true)
        #expect(changes.first { $0.before == "Burkhard" }?.rule.hasSuffix("world-name: Бурхард") == true)
    }

    /// The hand lexicon's names convert though the census lists them (Yagoda,
    /// Kuzmin): the lexicon is a person's decision, not a rule's guess.
    @Test func theHandLexiconStillConvertsThem() throws {
        let stage = try Transliterator(configuration: .init(from: .popular, to: .loc))
        #expect(try stage.apply(to: "Yagoda and Kuzmin.\n") == "Iagoda and Kuz'min.\n")
    }
}
