/// How often English uses a word, on wordfreq's Zipf scale (3 is once per
/// million words, 6 once per thousand), for the lower-case words used once
/// per million words or more (`scripts/build-word-frequencies.py`). Evidence
/// of which of two readings English prefers; never a reason on its own to
/// change a word.
package enum EnglishFrequencies {
    /// The lowest Zipf value listed, times ten: rarer words have none.
    static let floor = 30

    /// The word's Zipf frequency times ten (30 to 80); nil when English uses
    /// it less than once per million words, or it is not lower-case ASCII.
    static func zipfTimesTen(_ word: ArraySlice<UInt8>) -> Int? {
        word.withUnsafeBytes { WordFrequencies.english.value(for: $0).map(Int.init) }
    }
}
