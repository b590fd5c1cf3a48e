import Foundation

/// Every scheme's spelling of the name lexicon's headwords, so that a name is
/// a known word whichever system the book uses.
enum NameSpellings {
    /// The spellings of the built-in lexicon, prebuilt (`CompactLexicons.nameSpellings`,
    /// held to `all(library: .builtIn)` by a test); a rule directory of one's own
    /// has them made through ICU, each time.
    static func shared(library: RuleLibrary) throws -> WordTable {
        guard library.directory != nil else { return .prebuilt(CompactLexicons.nameSpellings) }
        var table = ByteStringTable<UInt8>(capacity: 4096)
        for spelling in try all(library: library) { table.set(0, for: ArraySlice(spelling.utf8)) }
        return .built(table)
    }

    static func all(library: RuleLibrary) throws -> Set<String> {
        let headwords = try HeadwordLexicon.builtIn(library: library)
        var spellings = Set<String>()
        let words = headwords.entries.values.filter { !$0.isAcronym }.map { ArraySlice(Array($0.headword.utf8)) }
        for scheme in ["popular", "loc", "bgn"] {
            let converter = try WordConverter(from: "cyrillic", to: scheme, library: library, headwords: HeadwordLexicon(), wordList: nil,
                                              keepsYo: false, dropsSigns: scheme == "popular")
            for entry in try converter.convert(words) {
                spellings.insert(String(decoding: converter.result(at: entry).output, as: UTF8.self))
            }
        }
        for entry in headwords.entries.values { spellings.formUnion(entry.pinned.values) }
        return spellings
    }
}
