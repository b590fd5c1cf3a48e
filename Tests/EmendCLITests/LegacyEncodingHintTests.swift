import Foundation
import Testing

/// Input that is not UTF-8 but reads as windows-1251 or KOI8-R: the output is
/// what it always was (U+FFFD for the bytes, exit code as before), and the
/// warning names the encoding and the option to rerun with. Files made by
/// iconv from `russian.txt` and `english-with-russian.txt` in
/// Tests/EmendTests/Fixtures/encodings.
@Suite struct LegacyEncodingHintTests {
    typealias Result = CLITests.Result

    static let encodings = ["windows-1251", "KOI8-R"]
    /// A Russian document, and English prose with a few Russian words.
    static let texts = ["russian", "english-with-russian"]

    static func path(_ text: String, _ encoding: String? = nil) -> String {
        "Tests/EmendTests/Fixtures/encodings/\(text)\(encoding.map { ".\($0.lowercased())" } ?? "").txt"
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: CLITests.root.appendingPathComponent(path)))
    }

    static func hint(_ encoding: String) -> String { "it reads as \(encoding): rerun with --from-encoding \(encoding)" }

    /// Read as UTF-8 the file is replaced as before and exits 0, with one warning
    /// that names the encoding; rerun as told, it gives what the UTF-8 text gives.
    @Test(arguments: texts, encodings)
    func theWarningNamesTheEncodingAndTheRerunIsRight(text: String, encoding: String) throws {
        let file = Self.path(text, encoding)
        let input = try Self.bytes(file)
        for (arguments, name) in [([file], file), ([], "<stdin>"), (["--look-ahead"], "<stdin>")] {
            let result = try CLITests.emend(arguments, input: input)
            #expect(result.status == 0)
            #expect(result.text.contains("\u{FFFD}") && !result.text.contains("Москва") && !result.text.contains("ОПЕРАТИВНЫЙ"))
            #expect(result.stderr.hasPrefix("emend: warning: \(name): the input is not UTF-8; \(Self.hint(encoding)) (replaced "),
                    "stderr was: \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
        // Each invalid sequence is one U+FFFD in the output, counted in the warning.
        let whitespace = try CLITests.emend(["--stages", "whitespace", file])
        let replaced = whitespace.text.unicodeScalars.filter { $0 == "\u{FFFD}" }.count
        #expect(replaced > 0 && whitespace.stderr.contains("(replaced \(replaced) invalid UTF-8 sequences with U+FFFD; first at byte offset"))
        let rerun = try CLITests.emend(["--from-encoding", encoding, file])
        #expect(rerun.status == 0 && rerun.stderr.isEmpty)
        #expect(rerun.stdout == (try CLITests.emend([Self.path(text)])).stdout)
    }

    /// The commands that read whole files (diff, check, variants) and translit
    /// say the same; translit adds no note about missing Cyrillic.
    @Test(arguments: encodings)
    func everyCommandThatReadsTextNamesIt(encoding: String) throws {
        let file = Self.path("english-with-russian", encoding)
        for arguments in [["diff", file], ["check", file], ["variants", file], ["translit", "--to", "loc", file]] {
            let result = try CLITests.emend(arguments)
            #expect(result.status == 0, "\(arguments)")
            #expect(result.stderr == result.stderr.split(separator: "\n").first.map { $0 + "\n" }, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("emend: warning: \(file): the input is not UTF-8; \(Self.hint(encoding))"), "\(arguments)")
        }
    }

    /// Under --strict the error names it; --in-place still refuses the file and now says which option.
    @Test(arguments: encodings)
    func strictAndInPlaceNameIt(encoding: String) throws {
        let input = try Self.bytes(Self.path("russian", encoding))
        let strict = try CLITests.emend(["--strict"], input: input)
        #expect(strict.status == 65 && strict.stdout.isEmpty)
        #expect(strict.stderr == "emend: error: <stdin>:1:1: invalid UTF-8 at byte offset 0 (line 1, column 1); the input is not UTF-8: \(Self.hint(encoding))\n")

        let directory = Scratch.root.appendingPathComponent("emend-legacy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("book.txt")
        try Data(input).write(to: file)
        let inPlace = try CLITests.emend(["run", "--in-place", file.path])
        #expect(inPlace.status == 65)
        #expect(inPlace.stderr.hasPrefix("emend: error: \(file.path): left as it was: it is not UTF-8"))
        #expect(inPlace.stderr.contains("would replace them with U+FFFD; \(Self.hint(encoding)), or pass --allow-replacement"))
        #expect(Array(try Data(contentsOf: file)) == input)
        #expect(!FileManager.default.fileExists(atPath: file.path + ".orig"))
        // As told: rewritten, in UTF-8.
        #expect(try CLITests.emend(["run", "--in-place", "--from-encoding", encoding, file.path]).status == 0)
        #expect(String(decoding: try Data(contentsOf: file), as: UTF8.self).contains("ОПЕРАТИВНЫЙ ПРИКАЗ"))
    }

    /// No encoding is named without the evidence: CP866 (which ICU's detector
    /// does not know), ISO-8859-5, French in Latin-1, a word too short to tell,
    /// and UTF-8 Russian with one stray byte each get the plain warning.
    @Test func withoutTheEvidenceNoEncodingIsNamed() throws {
        let russian = try Self.bytes(Self.path("russian"))
        let text = String(decoding: russian, as: UTF8.self)
        let cases: [(String, [UInt8])] = [
            ("cp866", try Self.bytes(Self.path("russian", "cp866"))),
            ("ISO-8859-5", Array(text.unicodeScalars.map { scalar -> UInt8 in
                switch scalar.value {
                case 0x0410...0x044F: return UInt8(scalar.value - 0x0410 + 0xB0)
                case 0x0401: return 0xA1
                case 0x0451: return 0xF1
                default: return scalar.value < 0x80 ? UInt8(scalar.value) : 0x3F
                }
            })),
            ("Latin-1", [0x4C, 0x65, 0x20, 0x63, 0x61, 0x66, 0xE9, 0x20, 0xE9, 0x74, 0x61, 0x69, 0x74, 0x20, 0x66, 0x65, 0x72, 0x6D, 0xE9,
                         0x20, 0xE0, 0x20, 0x63, 0xF4, 0x74, 0xE9, 0x20, 0x64, 0x65, 0x20, 0x6C, 0x61, 0x20, 0x67, 0x61, 0x72, 0x65, 0x0A]),
            ("short", [0xCC, 0xEE, 0xF1, 0xEA, 0xE2, 0xE0, 0x0A]),  // Москва in windows-1251
            ("stray", russian + [0x78, 0xFF, 0x79, 0x0A]),
        ]
        for (what, input) in cases {
            let result = try CLITests.emend([], input: input)
            #expect(result.status == 0, "\(what)")
            #expect(result.stderr.hasPrefix("emend: warning: <stdin>: replaced "), "\(what): \(result.stderr)")
            #expect(!result.stderr.contains("reads as"), "\(what): \(result.stderr)")
        }
    }
}
