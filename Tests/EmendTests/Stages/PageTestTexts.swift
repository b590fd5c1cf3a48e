import Foundation

/// The texts the page-structure shortcut tests run on, each with its name:
/// the gold pages' raw OCR, then every `.txt` of the page fixtures, the
/// documents and the samples, in name order.
func pageTestTexts() throws -> [(name: String, text: String)] {
    var texts: [(name: String, text: String)] = try GoldPage.all().map { ($0.name, $0.raw) }
    for folder in ["Tests/EmendTests/Fixtures/pages", "Tests/EmendTests/Fixtures/documents", "samples"] {
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.url(folder).path)
            .filter { $0.hasSuffix(".txt") }.sorted()
        for name in names { texts.append(("\(folder)/\(name)", try Fixtures.text("\(folder)/\(name)"))) }
    }
    return texts
}
