import Emend
import Foundation
import Testing

/// Names the English-speaking world bears (`lexicon/world-names.txt`, the
/// 1990 United States census), in prose read as a Russian scheme: kept as
/// they are and listed with their Russian reading, unless the hand lexicon
/// has them or they are spelled as English names are not.
@Suite struct WorldNameGuardTests {
    /// In a `loc` text, Falk, Gershman and Alberts read as Фальк, Гершман and
    /// Альбертс, names the name list has, and Elgin as Эльгин: each stays and
    /// is listed as `world-name` with its reading. Dubovsky (-sky) and Ezhov
    /// (-ov), spelled as English names are not, still convert.
    @Test func theWorldsNamesAreListedNotConverted() throws {
        let text = "Lord Elgin's talks with Falk, Gershman and Alberts; Ezhov and Dubovsky listened.\n"
        let (stage, cleanUp) = try heldOut(from: .loc, to: .scholarly)
        defer { cleanUp() }
        let (output, changes) = try stage.applyReportingChanges(to: text)
        #expect(output == "Lord Elgin's talks with Falk, Gershman and Alberts; Ežov and Dubovskij listened.\n")
        let held = Set(changes.filter { $0.rule.contains(":world-name") }.map(\.before))
        #expect(held.isSuperset(of: ["Falk", "Gershman", "Alberts"]), "held: \(held.sorted())")
        #expect(changes.first { $0.before == "Falk" }?.rule.hasSuffix("world-name: Фальк") == true)
    }

    /// The hand lexicon's names convert though the census lists them (Yagoda,
    /// Kuzmin): the lexicon is a person's decision, not a rule's guess.
    @Test func theHandLexiconStillConvertsThem() throws {
        let stage = try Transliterator(configuration: .init(from: .popular, to: .loc))
        #expect(try stage.apply(to: "Yagoda and Kuzmin.\n") == "Iagoda and Kuz'min.\n")
    }
}
