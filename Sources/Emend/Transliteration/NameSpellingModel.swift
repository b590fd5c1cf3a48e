import Foundation

/// How likely a Cyrillic spelling is as a Russian name: a character trigram
/// model (interpolated Kneser-Ney, discount 0.75, add-one at the lowest
/// order) learned from the forms of the name list (`russian-names.txt`), each
/// form marked at both ends. It only scores readings (see
/// `ProseConverter.modelReading`); it never reads or writes a word itself.
///
/// The letters are the 33 of the modern alphabet; a form with any other
/// character (a hyphen, і) is not learned from, and a reading with one is not
/// scored. Built from the list at start (a few milliseconds for its 380,000
/// forms), held as one table of log probabilities (34³ floats).
package final class NameSpellingModel: Sendable {
    /// Symbols: 0 marks a word's ends, 1...33 the letters а...я and ё.
    static let size = 34
    private let logProbabilities: [Float]
    /// How many learned forms end in each two symbols (a one-letter form: the start mark and its letter).
    private let endings: [Int32]

    /// The fewest forms a name list must have for a model to be learned from
    /// it: its margin and floor were measured on the whole OpenCorpora list
    /// (380,000 forms); a sample list (a test's) says nothing of spelling.
    package static let minimumForms = 100_000

    /// The discount of the Kneser-Ney estimate.
    static let discount = 0.75

    /// Learns from every form of `names` for which `including` (given the
    /// form's position in the list) is true; all of them by default.
    package init(names: RussianWordList, including: (Int) -> Bool = { _ in true }) {
        let size = Self.size
        var trigrams = [Int32](repeating: 0, count: size * size * size)
        names.forEachWord { position, bytes in
            guard including(position), !bytes.isEmpty, bytes.count % 2 == 0 else { return }
            var index = 0
            while index < bytes.count {
                guard Self.symbol(bytes[index], bytes[index + 1]) != nil else { return }
                index += 2
            }
            var a = 0, b = 0
            index = 0
            while index < bytes.count {
                let c = Self.symbol(bytes[index], bytes[index + 1])!
                trigrams[(a * size + b) * size + c] += 1
                (a, b) = (b, c)
                index += 2
            }
            trigrams[(a * size + b) * size] += 1
        }
        logProbabilities = Self.estimate(trigrams)
        var endings = [Int32](repeating: 0, count: size * size)
        for a in 0..<size { for b in 1..<size { endings[a * size + b] = trigrams[(a * size + b) * size] } }
        self.endings = endings
    }

    /// The symbol of a two-byte UTF-8 Cyrillic small letter (а–я, ё); nil for any other.
    @inline(__always)
    static func symbol(_ lead: UInt8, _ trail: UInt8) -> Int? {
        if lead == 0xD0, trail >= 0xB0, trail <= 0xBF { return Int(trail - 0xB0) + 1 }      // а–п
        if lead == 0xD1, trail >= 0x80, trail <= 0x8F { return Int(trail - 0x80) + 17 }     // р–я
        if lead == 0xD1, trail == 0x91 { return 33 }                                          // ё
        return nil
    }

    /// The table of log P(c | a b) from the trigram counts.
    private static func estimate(_ trigrams: [Int32]) -> [Float] {
        let size = Self.size, d = Self.discount
        // Continuation counts: in how many contexts a bigram and a letter occur.
        var context = [Double](repeating: 0, count: size * size), contextTypes = [Double](repeating: 0, count: size * size)
        var continuation = [Double](repeating: 0, count: size * size)
        for a in 0..<size { for b in 0..<size { for c in 0..<size {
            let count = Double(trigrams[(a * size + b) * size + c])
            guard count > 0 else { continue }
            context[a * size + b] += count
            contextTypes[a * size + b] += 1
            continuation[b * size + c] += 1
        } } }
        var bigramContext = [Double](repeating: 0, count: size), bigramTypes = [Double](repeating: 0, count: size)
        var unigram = [Double](repeating: 0, count: size)
        for b in 0..<size { for c in 0..<size where continuation[b * size + c] > 0 {
            bigramContext[b] += continuation[b * size + c]
            bigramTypes[b] += 1
            unigram[c] += 1
        } }
        let unigramTotal = unigram.reduce(0, +)
        let p1 = unigram.map { ($0 + 1) / (unigramTotal + Double(size)) }
        var p2 = [Double](repeating: 0, count: size * size)
        for b in 0..<size { for c in 0..<size {
            let total = bigramContext[b]
            p2[b * size + c] = total == 0 ? p1[c]
                : max(continuation[b * size + c] - d, 0) / total + d * bigramTypes[b] / total * p1[c]
        } }
        var table = [Float](repeating: 0, count: size * size * size)
        for a in 0..<size { for b in 0..<size {
            let total = context[a * size + b]
            for c in 0..<size {
                let lower = p2[b * size + c]
                let p = total == 0 ? lower
                    : max(Double(trigrams[(a * size + b) * size + c]) - d, 0) / total + d * contextTypes[a * size + b] / total * lower
                table[(a * size + b) * size + c] = Float(log(p))
            }
        } }
        return table
    }

    /// The natural log of the spelling's probability as a name (its ends
    /// marked), and how many symbols it scored (the letters and the end);
    /// nil for a spelling with a character outside the modern alphabet.
    /// Lower and title case alike.
    package func score(_ spelling: String) -> (logProbability: Double, symbols: Int)? {
        let bytes = Array(spelling.lowercased().utf8)
        guard !bytes.isEmpty, bytes.count % 2 == 0 else { return nil }
        let size = Self.size
        var a = 0, b = 0, total = 0.0, index = 0
        while index < bytes.count {
            guard let c = Self.symbol(bytes[index], bytes[index + 1]) else { return nil }
            total += Double(logProbabilities[(a * size + b) * size + c])
            (a, b) = (b, c)
            index += 2
        }
        total += Double(logProbabilities[(a * size + b) * size])
        return (total, bytes.count / 2 + 1)
    }

    /// How many learned forms end in the spelling's last two letters (lower
    /// case; 0 for a spelling outside the alphabet or shorter than two letters).
    package func formsEnding(as spelling: String) -> Int {
        let bytes = Array(spelling.lowercased().utf8.suffix(4))
        guard bytes.count == 4, let a = Self.symbol(bytes[0], bytes[1]), let b = Self.symbol(bytes[2], bytes[3]) else { return 0 }
        return Int(endings[a * Self.size + b])
    }

    /// True for the forms held out of the model when its margin is measured
    /// (one in ten, by position in the list); see `ProseConverter.modelReading`.
    package static func isHeldOut(_ position: Int) -> Bool { position % 10 == 0 }
}
