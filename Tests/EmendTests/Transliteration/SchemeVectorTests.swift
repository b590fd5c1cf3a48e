import Emend
import Testing

/// The vectors in rules/translit/vectors.tsv, written from each standard's
/// published table, through the `transliterate` stage.
@Suite struct SchemeVectorTests {
    struct Vector: CustomTestStringConvertible, Sendable {
        var scheme: String, cyrillic: String, latin: String, source: String
        var testDescription: String { "\(scheme): \(cyrillic) → \(latin)" }
    }

    static let vectors: [Vector] = {
        guard let text = try? Fixtures.text("rules/translit/vectors.tsv") else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return fields.count >= 4 ? Vector(scheme: fields[0], cyrillic: fields[1], latin: fields[2], source: fields[3]) : nil
        }
    }()

    @Test func everySchemeHasVectors() {
        for scheme in TransliterationSchemes.names {
            #expect(Self.vectors.filter { $0.scheme == scheme }.count >= 25, "\(scheme)")
        }
    }

    @Test(arguments: vectors)
    func cyrillicToSchemeMatchesTheStandardsTable(vector: Vector) throws {
        let stage = try Transliterator(configuration: .init(from: .cyrillic, to: try #require(Script(rawValue: vector.scheme))))
        #expect(try stage.apply(to: vector.cyrillic) == vector.latin, "\(vector.source)")
    }

    @Test(arguments: vectors.filter { TransliterationSchemes.named($0.scheme)?.isReversible == true && !$0.source.contains("one-way") })
    func reversibleSchemesReadTheTableBack(vector: Vector) throws {
        let stage = try Transliterator(configuration: .init(from: try #require(Script(rawValue: vector.scheme)), to: .cyrillic, wholeText: true))
        #expect(try stage.apply(to: vector.latin) == vector.cyrillic, "\(vector.source)")
    }
}

@Suite struct RoundTripTests {
    static let letters = Array("абвгдеёжзийклмнопрстуфхцчшщъыьэюя").map(String.init)

    /// Random Russian-looking text: words of 1-12 letters in lower, Title and
    /// ALL CAPS, with punctuation and digits between them. No word starts with
    /// ь or ъ (none does in Russian, and a sign has no capital in Latin to carry
    /// a Title-case word's case back); an all-caps word has two cased letters.
    static func text(seed: UInt64, words: Int) -> String {
        var generator = SeededGenerator(seed: seed)
        var parts: [String] = []
        let initials = letters.filter { $0 != "ь" && $0 != "ъ" }
        for _ in 0..<words {
            var word = generator.pick(initials) + (0..<Int(generator.next() % 12)).map { _ in generator.pick(letters) }.joined()
            switch generator.next() % 3 {
            case 0: word = word.prefix(1).uppercased() + word.dropFirst()
            // One letter and signs in capitals (ШЬ) reads back as Title case (Шь):
            // in Latin one cased letter cannot tell the two apart.
            case 1 where word.filter({ $0 != "ь" && $0 != "ъ" }).count >= 2: word = word.uppercased()
            default: break
            }
            parts.append(word + generator.pick([" ", ", ", ". ", " — ", " 1937 ", "\n"]))
        }
        return parts.joined()
    }

    @Test(arguments: [Script.alalc, .scholarly, .iso9], [1, 2, 3, 4, 5])
    func reversibleSchemesRoundTripGeneratedText(scheme: Script, seed: UInt64) throws {
        let text = Self.text(seed: seed, words: 400)
        let forward = try Transliterator(configuration: .init(to: scheme))
        let back = try Transliterator(configuration: .init(from: scheme, to: .cyrillic, wholeText: true))
        let latin = try forward.apply(to: text)
        #expect(!latin.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }, "Cyrillic left in \(scheme)")
        let returned = try back.apply(to: latin)
        let expected = text.split(separator: "\n", omittingEmptySubsequences: false)
        let actual = returned.split(separator: "\n", omittingEmptySubsequences: false)
        for (original, roundTripped) in zip(expected, actual) where original != roundTripped {
            Issue.record("\(scheme): \(original) → \(try forward.apply(to: String(original))) → \(roundTripped)")
        }
        #expect(expected.count == actual.count)
    }

    /// The `bgn` scheme gives what ICU's own Russian-Latin/BGN gives to whole
    /// lines (as `uconv -x Russian-Latin/BGN` does), on lower and Title case text.
    @Test(arguments: [11, 12, 13])
    func bgnAgreesWithICUsBuiltInOnOrdinaryText(seed: UInt64) throws {
        let lines = Self.text(seed: seed, words: 600).split(separator: "\n").map { line in
            line.split(separator: " ").map { $0 == $0.uppercased() && $0.count > 1 ? $0.lowercased() : String($0) }.joined(separator: " ")
        }
        let icu = try ICU.Transliterator(identifier: "Russian-Latin/BGN")
        let stage = try Transliterator(configuration: .init(to: .bgn))
        for line in lines {
            #expect(try stage.apply(to: line) == icu.transliterate(line), "\(line)")
        }
    }
}
