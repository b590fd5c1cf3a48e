import Emend
import Testing

@Suite struct WhitespaceNormalizerTests {
    /// Lines of the raw 1999 scan (every line ends in a space) and what they become.
    @Test(arguments: [
        ("documents is no easy undertaking. The directors of the terror machine were ",
         "documents is no easy undertaking. The directors of the terror machine were"),
        ("3 5  RTsKhIDNI, f. 17, op. 2 ,  d. 577.1, 14 ", "3 5 RTsKhIDNI, f. 17, op. 2 , d. 577.1, 14"),
        ("was too flat and lacking in nuance.  I had written \t", "was too flat and lacking in nuance. I had written"),
        (" ished? This happened more than once, and the present hook has thus been ",
         " ished? This happened more than once, and the present hook has thus been"),
        ("   ", ""),
        ("", ""),
        ("tab\tinside  stays", "tab\tinside stays"),
        ("no\u{A0}\u{A0}break spaces are not ASCII spaces", "no\u{A0}\u{A0}break spaces are not ASCII spaces"),
    ])
    func normalizesSpacesOnScanLines(raw: String, expected: String) throws {
        #expect(try WhitespaceNormalizer().apply(to: raw + "\n") == expected + "\n")
    }

    /// A line only trimmed is cut where it stands when changes are not
    /// recorded: the same bytes as when they are, on the scan's lines.
    @Test(arguments: [
        "documents is no easy undertaking. The directors of the terror machine were ",
        "was too flat and lacking in nuance. I had written \t", "   ", "", "    Document 153 continued ", "clean",
        "3 5  RTsKhIDNI, f. 17, op. 2 ,  d. 577.1, 14 ",
    ], [WhitespaceNormalizer.Configuration(), .init(leading: true), .init(trailing: true, runs: false)])
    func trimsTheSameWhetherOrNotChangesAreRecorded(raw: String, configuration: WhitespaceNormalizer.Configuration) {
        let stage = WhitespaceNormalizer(configuration: configuration)
        var recorded = StageOutput(recordsChanges: true), silent = StageOutput(recordsChanges: false)
        var (reported, cut) = (Line(raw), Line(raw))
        stage.transform(&reported, changes: &recorded)
        stage.transform(&cut, changes: &silent)
        #expect(cut == reported)
        #expect(recorded.changes.isEmpty == (reported.bytes == Array(raw.utf8)))
        #expect(silent.changes.isEmpty)
    }

    @Test func keepsIndentationUnlessAskedAndCollapsesOnlyAfterText() throws {
        let text = "    Document 153  continued \n"
        #expect(try WhitespaceNormalizer().apply(to: text) == "    Document 153 continued\n")
        let leading = WhitespaceNormalizer(configuration: .init(leading: true))
        #expect(try leading.apply(to: text) == "Document 153 continued\n")
        let trailingOnly = WhitespaceNormalizer(configuration: .init(trailing: true, runs: false))
        #expect(try trailingOnly.apply(to: text) == "    Document 153  continued\n")
    }

    @Test func isIdempotent() throws {
        let stage = WhitespaceNormalizer(configuration: .init(leading: true))
        let once = try stage.apply(to: " a  b \n\n  c\t \n")
        #expect(try stage.apply(to: once) == once)
    }
}
