@testable import Emend
import Testing

/// The compiled-in frequencies are wordfreq's, as the script wrote them: the
/// count it printed, the order of common words, and nothing below the floor.
@Suite struct EnglishFrequenciesTests {
    static func zipf(_ word: String) -> Int? { EnglishFrequencies.zipfTimesTen(ArraySlice(word.utf8)) }

    @Test func theTableIsTheGeneratedOne() {
        #expect(WordFrequencies.english.count == 28_338)
        #expect(Self.zipf("the") == 77 && Self.zipf("of") == 74)
        // More frequent words rank higher, and a rare or unlisted word has none.
        #expect((Self.zipf("recommend") ?? 0) > (Self.zipf("commend") ?? 0))
        #expect(Self.zipf("hismaster") == nil && Self.zipf("The") == nil && Self.zipf("") == nil)
        var values: [Int] = []
        WordFrequencies.english.forEach { _, value in values.append(Int(value)) }
        #expect(values.count == 28_338 && values.allSatisfy { (EnglishFrequencies.floor...80).contains($0) })
    }
}
