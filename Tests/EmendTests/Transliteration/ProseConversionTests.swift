import Emend
import Foundation
import Testing

/// Converting the Russian words inside English prose, and nothing else.
@Suite struct ProseConversionTests {
    static let names = Fixtures.url("Tests/EmendTests/Fixtures/names-sample.txt").path
    static let words = Fixtures.url("Tests/EmendTests/Fixtures/russian-words-sample.txt").path

    private func convert(_ text: String, from: String, to: String) throws -> (String, [Change]) {
        let stage = try Transliterator(configuration: .init(from: from, to: to, lexicon: Self.names, wordList: Self.words))
        return try stage.applyReportingChanges(to: text)
    }

    @Test(arguments: [
        ("popular", "In 1937 N. I. Yezhov and Frinovsky, with Yenukidze and Yagoda, served the Politburo.",
         "loc", "In 1937 N. I. Ezhov and Frinovskii, with Enukidze and Iagoda, served the Politburo."),
        ("loc", "In 1937 N. I. Ezhov and Frinovskii, with Enukidze and Iagoda, served the Politburo.",
         "popular", "In 1937 N. I. Yezhov and Frinovsky, with Yenukidze and Yagoda, served the Politburo."),
        ("popular", "In 1937 N. I. Yezhov and Frinovsky, with Yenukidze and Yagoda, served the Politburo.",
         "scholarly", "In 1937 N. I. Ežov and Frinovskij, with Enukidze and Jagoda, served the Politburo."),
        ("scholarly", "Ežov, Belʹskij, Tuxačevskij", "loc", "Ezhov, Bel'skii, Tukhachevskii"),
        ("bgn", "Yezhov, Belʹskiy, Tukhachevskiy", "alalc", "Ezhov, Belʹskiĭ, Tukhachevskiĭ"),
    ])
    func namesInEverySchemeAreConverted(from: String, text: String, to: String, expected: String) throws {
        #expect(try convert(text + "\n", from: from, to: to).0 == expected + "\n")
    }

    @Test func mixedEditionsMeetInOneScheme() throws {
        // The same man in three systems, as translated documents mix them.
        let (text, _) = try convert("Yezhov wrote to Ezhov about Ežov and Bel'sky.\n", from: "popular", to: "loc")
        #expect(text == "Ezhov wrote to Ezhov about Ezhov and Bel'skii.\n")
    }

    @Test func englishWordsNeverChange() throws {
        let text = """
            Russian Media, Social and Memorial Trials of the Commissariat in Siberia; a Trotskyist and a \
            Stalinist critique, the Kremlin, Moscow and Leningrad, kulaks and Bolsheviks, to be shot.

            """
        for (from, to) in [("popular", "loc"), ("loc", "popular"), ("popular", "scholarly"), ("loc", "alalc")] {
            #expect(try convert(text, from: from, to: to).0 == text, "\(from) -> \(to)")
        }
    }

    @Test func possessivesHyphenatedNamesInitialsAndTerms() throws {
        let (text, _) = try convert("Yezhov's men; the Yezhovshchina; Yu. V. Andropov; Trotsky's exile.\n", from: "popular", to: "loc")
        #expect(text == "Ezhov's men; the Ezhovshchina; Iu. V. Andropov; Trotsky's exile.\n")
        let (back, _) = try convert("Trotskii and Iu. V. Andropov\n", from: "loc", to: "popular")
        #expect(back == "Trotsky and Yu. V. Andropov\n")
    }

    @Test func wordsNoOneCanConfirmAreLeftAndReported() throws {
        let (text, changes) = try convert("Comrade Shkiriatov and comrade Postyshev.\n", from: "popular", to: "loc")
        #expect(text == "Comrade Shkiriatov and comrade Postyshev.\n")
        #expect(changes.map(\.rule) == ["translit:popular->loc:unconfirmed", "translit:popular->loc:unconfirmed"])
    }

    @Test func theWordListConfirmsRussianWordsOutsideTheLexicon() throws {
        let (text, changes) = try convert("the Vsesoyuznoy congress\n", from: "popular", to: "loc")
        #expect(text == "the Vsesoiuznoi congress\n")
        #expect(changes.first?.rule == "translit:popular->loc:confirmed")
    }

    @Test func wholeTextStillConvertsEveryWord() throws {
        let stage = try Transliterator(configuration: .init(from: "scholarly", to: "loc", wordList: Self.words, wholeText: true))
        #expect(try stage.apply(to: "Ežov i Frinovskij\n") == "Ezhov i Frinovskii\n")
    }
}
