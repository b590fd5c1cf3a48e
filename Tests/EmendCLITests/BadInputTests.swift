import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The bad-input matrix: each row what emend writes and the exit code it gives
/// for input or rule files that are empty, broken or hostile. (A 50 MB line, a
/// full disk, a closed pipe, a directory as input and invalid UTF-8 under
/// --strict are in `CLITests`.)
@Suite struct BadInputTests {
    typealias Result = CLITests.Result

    static func emend(_ arguments: [String], _ input: [UInt8] = []) throws -> Result {
        try CLITests.emend(arguments, input: input)
    }

    /// A fresh directory with `files` in it (name → text); returns its path.
    static func scratch(_ files: [String: [UInt8]] = [:]) throws -> String {
        let path = Scratch.root.appendingPathComponent("emend-bad-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, bytes) in files {
            let file = (path as NSString).appendingPathComponent(name)
            try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: file))
        }
        return path
    }

    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: CLITests.root.appendingPathComponent("Tests/EmendTests/Fixtures/encodings/\(name)")))
    }

    static func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        text.utf16.flatMap { unit in bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    }

    /// Exit code 0, nothing on standard error, and `stdout` written.
    static func expectQuietSuccess(_ result: Result, _ stdout: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 0, sourceLocation: sourceLocation)
        #expect(result.stdout == stdout, sourceLocation: sourceLocation)
        #expect(result.stderr == "", sourceLocation: sourceLocation)
    }

    // MARK: Empty and blank input

    @Test func emptyInputGivesEmptyOutputAndNoMessage() throws {
        for arguments in [[], ["translit", "--to", "loc"], ["learn"]] {
            Self.expectQuietSuccess(try Self.emend(arguments), [])
        }
    }

    @Test func onlyWhitespaceLeavesTheLineEndings() throws {
        Self.expectQuietSuccess(try Self.emend([], Array("   \n\t\n  ".utf8)), Array("\n\n".utf8))
    }

    // MARK: Invalid UTF-8, wherever it stands

    /// Input whose byte `262_143` (the last of the driver's first 256 KiB read) is
    /// `lead`, followed by `next`: 4,095 lines of 63 letters, then one more.
    static func blockEdge(lead: UInt8, next: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<4095 { bytes += [UInt8](repeating: UInt8(ascii: "a"), count: 63) + [0x0A] }
        bytes += [UInt8](repeating: UInt8(ascii: "b"), count: 63)
        #expect(bytes.count == 262_143)
        return bytes + [lead] + next + [0x0A]
    }

    @Test func aCharacterCutByTheReadBlockComesThroughWhole() throws {
        for (lead, rest) in [(UInt8(0xD0), [UInt8(0xB6)]), (0xE2, [0x80, 0x94]), (0xF0, [0x9F, 0x98, 0x80])] {
            let input = Self.blockEdge(lead: lead, next: rest)
            Self.expectQuietSuccess(try Self.emend(["--stages", "whitespace"], input), input)
        }
    }

    @Test func aLeadByteAtTheEndOfAReadBlockWithNothingAfterItIsLocated() throws {
        let result = try Self.emend(["--stages", "whitespace"], Self.blockEdge(lead: 0xD0, next: Array("x".utf8)))
        #expect(result.status == 0)
        #expect(result.text.hasSuffix("b\u{FFFD}x\n"))
        #expect(result.stderr == "emend: warning: <stdin>: replaced 1 invalid UTF-8 sequence with U+FFFD; first at byte offset 262143 (line 4096, column 64)\n")
        let strict = try Self.emend(["--stages", "whitespace", "--strict"], Self.blockEdge(lead: 0xD0, next: Array("x".utf8)))
        #expect(strict.status == 65)
        #expect(strict.stderr == "emend: error: <stdin>:4096:64: invalid UTF-8 at byte offset 262143 (line 4096, column 64)\n")
    }

    /// Each ill-formed sequence becomes U+FFFD per maximal subpart (Unicode §3.9);
    /// the column counts characters (the four letters of "Ежов" are eight bytes).
    @Test(arguments: [
        ("a truncated sequence at the end of input", Array("Ежов".utf8) + [0xD0], "Ежов\u{FFFD}", 1, 8, 5),
        ("an overlong encoding of '/'", [0x61, 0xC0, 0xAF], "a\u{FFFD}\u{FFFD}", 2, 1, 2),
        ("an overlong three-byte encoding", [0x61, 0xE0, 0x80, 0xAF], "a\u{FFFD}\u{FFFD}\u{FFFD}", 3, 1, 2),
        ("a UTF-16 surrogate encoded in UTF-8", [0x61, 0xED, 0xA0, 0x80, 0x62], "a\u{FFFD}\u{FFFD}\u{FFFD}b", 3, 1, 2),
        ("a byte that is never UTF-8", [0x61, 0xFF, 0x62], "a\u{FFFD}b", 1, 1, 2),
        ("a code point above U+10FFFF", [0xF4, 0x90, 0x80, 0x80], "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}", 4, 0, 1),
    ] as [(String, [UInt8], String, Int, Int, Int)])
    func invalidUTF8IsReplacedAndLocated(what: String, input: [UInt8], output: String, count: Int, offset: Int, column: Int) throws {
        let result = try Self.emend(["--stages", "whitespace"], input)
        #expect(result.status == 0, "\(what)")
        #expect(result.text == output, "\(what)")
        let plural = count == 1 ? "sequence" : "sequences"
        #expect(result.stderr == "emend: warning: <stdin>: replaced \(count) invalid UTF-8 \(plural) with U+FFFD; first at byte offset \(offset) (line 1, column \(column))\n", "\(what)")
    }

    @Test func nulBytesPassThroughAsText() throws {
        let input: [UInt8] = Array("op.\u{0}2 \n".utf8) + [0, 0, 0x0A]
        for arguments in [[], ["--strict"]] {
            Self.expectQuietSuccess(try Self.emend(arguments, input), Array("op.\u{0}2\n".utf8) + [0, 0, 0x0A])
        }
    }

    // MARK: Line endings and byte order marks

    @Test func crlfAndMixedLineEndingsComeBackAsTheyCame() throws {
        Self.expectQuietSuccess(try Self.emend([], Array("the offi- \r\ncial text \nand  more\r\nend".utf8)),
                                Array("the official\r\ntext\nand more\r\nend".utf8))
    }

    @Test func aLeadingByteOrderMarkIsKept() throws {
        Self.expectQuietSuccess(try Self.emend([], [0xEF, 0xBB, 0xBF] + Array("Нарком  Ежов \n".utf8)),
                                [0xEF, 0xBB, 0xBF] + Array("Нарком Ежов\n".utf8))
    }

    // MARK: Other encodings

    @Test(arguments: [
        (true, false, "UTF-16LE", "it starts with the byte order mark FF FE"),
        (true, true, "UTF-16BE", "it starts with the byte order mark FE FF"),
        (false, false, "UTF-16LE", "every other byte is NUL or another control byte"),
        (false, true, "UTF-16BE", "every other byte is NUL or another control byte"),
    ])
    func utf16IsRefusedWithAHintOrReadWhenNamed(byteOrderMark: Bool, bigEndian: Bool, name: String, evidence: String) throws {
        let text = "Нарком Ежов, op. 2, d. 577\n"
        let input = Self.utf16((byteOrderMark ? "\u{FEFF}" : "") + text, bigEndian: bigEndian)
        for arguments in [["run"], ["translit", "--to", "loc"], ["learn"]] {
            let refused = try Self.emend(arguments, input)
            #expect(refused.status == 65)
            #expect(refused.stdout.isEmpty)
            #expect(refused.stderr == "emend: error: <stdin>: the input looks like \(name), not UTF-8 (\(evidence)); name its encoding with --from-encoding \(name)\n")
        }
        // A byte order mark stays one.
        Self.expectQuietSuccess(try Self.emend(["--from-encoding", name], input), Array(((byteOrderMark ? "\u{FEFF}" : "") + text).utf8))
    }

    /// Empty pages, a form feed and a line feed each, are UTF-8 (once refused as UTF-16BE).
    @Test func formFeedsBetweenLineFeedsAreUTF8() throws {
        let input = Array("\u{0C}\n\u{0C}\n\u{0C}\n".utf8)
        let result = try Self.emend(["--stages", "normalize"], input)
        Self.expectQuietSuccess(result, input)
    }

    @Test(arguments: ["KOI8-R", "windows-1251", "cp866"])
    func legacyRussianEncodingsGiveWhatTheUTF8TextGives(name: String) throws {
        let utf8 = try Self.fixture("russian.txt")
        let encoded = try Self.fixture("russian.\(name.lowercased()).txt")
        for arguments in [["run"], ["translit", "--to", "loc"], ["learn"]] {
            let expected = try Self.emend(arguments, utf8)
            let converted = try Self.emend(arguments + ["--from-encoding", name], encoded)
            #expect(expected.status == 0 && !expected.stdout.isEmpty)
            #expect(converted.status == 0)
            #expect(converted.stdout == expected.stdout)
            #expect(converted.stderr == "")
        }
        // Read as UTF-8 instead, it is not Russian at all.
        #expect(try Self.emend(["translit", "--to", "loc"], encoded).stdout != (try Self.emend(["translit", "--to", "loc"], utf8).stdout))
    }

    @Test func bytesInvalidInTheNamedEncodingAreReplacedAndLocatedOrRefused() throws {
        let input = Self.utf16("ab\nc", bigEndian: false) + [0x00, 0xD8] + Self.utf16("d\n", bigEndian: false)
        let lenient = try Self.emend(["--from-encoding", "UTF-16LE", "--stages", "whitespace"], input)
        #expect(lenient.status == 0)
        #expect(lenient.text == "ab\nc\u{FFFD}d\n")
        #expect(lenient.stderr == "emend: warning: <stdin>: replaced 1 invalid UTF-16LE sequence with U+FFFD; first at byte offset 8 (line 2, column 2)\n")
        let strict = try Self.emend(["--from-encoding", "UTF-16LE", "--strict"], input)
        #expect(strict.status == 65)
        #expect(strict.stderr == "emend: error: <stdin>:2:2: invalid UTF-16LE at byte offset 8 (line 2, column 2)\n")
    }

    /// A bad escape sequence of a stateful encoding (ISO-2022-JP, HZ) once
    /// stopped the run with exit code 65 whatever --strict said: it is bytes
    /// invalid in the encoding, replaced and counted like any other.
    @Test(arguments: [("ISO-2022-JP", Array("ab \u{1B}(Z cd\n".utf8)), ("HZ", Array("ab ~x cd\n".utf8))])
    func aBadEscapeSequenceIsReplacedAndCountedOrRefused(encoding: String, input: [UInt8]) throws {
        let lenient = try Self.emend(["--from-encoding", encoding, "--stages", "whitespace"], input)
        #expect(lenient.status == 0)
        #expect(lenient.text.hasPrefix("ab \u{FFFD}") && lenient.text.hasSuffix(" cd\n"))
        #expect(lenient.stderr == "emend: warning: <stdin>: replaced 1 invalid \(encoding) sequence with U+FFFD; first at byte offset 3 (line 1, column 4)\n")
        let strict = try Self.emend(["--from-encoding", encoding, "--strict"], input)
        #expect(strict.status == 65 && strict.stdout.isEmpty)
        #expect(strict.stderr == "emend: error: <stdin>:1:4: invalid \(encoding) at byte offset 3 (line 1, column 4)\n")
    }

    /// The audit of transcoded input is the audit of its decoded text: the
    /// records of windows-1251 input are those of the same text in UTF-8, line
    /// and column in characters, the byte offset in the decoded UTF-8 (which,
    /// with the output, the records give back).
    @Test func theAuditOfTranscodedInputIsTheAuditOfItsDecodedText() throws {
        let text = "Нарком  Ежов ,  1937\nНКВД  СССР\n"
        let encoded = Array(try #require(text.data(using: .windowsCP1251)))
        #expect(encoded.count == text.unicodeScalars.count)  // one byte a character
        let utf8 = try Self.emend(["--explain", "-", "--stages", "whitespace"], Array(text.utf8))
        let converted = try Self.emend(["--explain", "-", "--stages", "whitespace", "--from-encoding", "windows-1251"], encoded)
        #expect(utf8.status == 0 && converted.status == 0)
        #expect(converted.stdout == utf8.stdout)
        #expect(converted.stderr == utf8.stderr)
        // The first record: the second space after "Нарком", character 8, byte 13 of the UTF-8.
        #expect(utf8.stderr.hasPrefix("{\"file\":\"<stdin>\",\"line\":1,\"column\":8,\"offset\":13,"))
        // The same places in --report.
        let report = try Self.emend(["--report", "--stages", "whitespace", "--from-encoding", "windows-1251"], encoded)
        #expect(report.stderr.hasPrefix("<stdin>:1:8: whitespace: "))
    }

    @Test func anUnknownEncodingIsAUsageErrorWithASuggestion() throws {
        let result = try Self.emend(["--from-encoding", "windows-1215"], Array("x\n".utf8))
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("emend: error: unknown encoding 'windows-1215' (did you mean 'windows-1251'?); use a name ICU knows, such as windows-1251, KOI8-R, UTF-16LE, ISO-8859-5 or CP866\n"))
        let far = try Self.emend(["translit", "--to", "loc", "--from-encoding", "klingon"], Array("x\n".utf8))
        #expect(far.status == 64)
        #expect(far.stderr.hasPrefix("emend: error: unknown encoding 'klingon'; use a name ICU knows"))
    }

    /// A negative chunk size is a usage error; invalid UTF-8 in a run on
    /// chunks is replaced and counted as in a run in turn, with the same output.
    @Test func chunkBytesAreCheckedAndChunksCountInvalidUTF8AsARunInTurn() throws {
        let refused = try Self.emend(["--chunk-bytes=-1"], Array("x\n".utf8))
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--chunk-bytes must be 0 or more"))
        let paragraphs = (1...400).map { "Paragraph \($0) of the plenum,\nits sec- ond line.\n\n" }.joined()
        let input = Array(paragraphs.utf8) + [0xFF, 0x0A] + Array(paragraphs.utf8)
        let chunked = try Self.emend(["--chunk-bytes", "500"], input)
        let inTurn = try Self.emend(["--chunk-bytes", "0"], input)
        #expect(chunked.status == 0 && chunked.stdout == inTurn.stdout && chunked.stderr == inTurn.stderr)
        #expect(chunked.stderr.contains("replaced 1 invalid UTF-8 sequence"))
        #expect(String(decoding: chunked.stdout, as: UTF8.self).contains("\u{FFFD}\n"))
    }

    // MARK: Rule files

    @Test(arguments: [
        ("", "x.yaml: error: empty rule file; expected a mapping with a 'stages:' list"),
        ("hello, world\n", "x.yaml:1:1: error: expected a mapping with a 'stages:' list at the top level, found the scalar 'hello, world'\nhello, world\n^"),
        ("stages: [whitespace\n", "x.yaml:2:1: error: not valid YAML: did not find expected ',' or ']'\n\n^"),
        ("stages:\n  - whitespace: {runs: [1]}\n", "x.yaml:2:24: error: option 'runs' of stage 'whitespace': expected true or false, found a list\n  - whitespace: {runs: [1]}\n                       ^"),
        ("stages:\n  - dehyphenate: {window: many}\n", "x.yaml:2:27: error: option 'window' of stage 'dehyphenate': expected an integer from 2 to 100000, found 'many'\n  - dehyphenate: {window: many}\n                          ^"),
        ("include: [x.yaml]\nstages: []\n", "x.yaml:1:11: error: include cycle: DIR/x.yaml -> DIR/x.yaml\ninclude: [x.yaml]\n          ^"),
        ("include: [/etc/passwd]\nstages: []\n", "x.yaml:1:11: error: include names '/etc/passwd', an absolute path; a pipeline names files by paths relative to its own directory\ninclude: [/etc/passwd]\n          ^"),
    ])
    func aBrokenPipelineFileIsALocatedError(text: String, expected: String) throws {
        let dir = try Self.scratch(["x.yaml": Array(text.utf8)])
        let result = try Self.emend(["run", "--pipeline", "\(dir)/x.yaml"], Array("x\n".utf8))
        #expect(result.status == 78)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == expected.replacingOccurrences(of: "DIR", with: dir).replacingOccurrences(of: "x.yaml", with: "\(dir)/x.yaml", options: .anchored) + "\n")
    }

    /// A file that is no rule file (a password file, say) named as the pipeline
    /// is refused quoting no more than its first line.
    @Test func aFileThatIsNoRuleFileIsQuotedNoFurtherThanItsFirstLine() throws {
        let dir = try Self.scratch(["x.yaml": Array("root:x:0:0:root:/root:/bin/bash\nsecret:x:1:1::/home/secret:/bin/sh\n".utf8)])
        let result = try Self.emend(["run", "--pipeline", "\(dir)/x.yaml"], Array("x\n".utf8))
        #expect(result.status == 78)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == """
            \(dir)/x.yaml:1:1: error: expected a mapping with a 'stages:' list at the top level, found the scalar 'root:x:0:0:root:/root:/bin/bash…'
            root:x:0:0:root:/root:/bin/bash
            ^

            """)
    }

    /// A pipeline named by a relative path includes 'deep/../outside.yaml', where
    /// `deep` links to a folder outside: the system opens the folder's parent.
    @Test func anIncludeThroughALinkAndBackIsRefused() throws {
        let outer = try Self.scratch(["outside.yaml": Array("stages: [whitespace]\n".utf8),
                                      "book/x.yaml": Array("include: [deep/../outside.yaml]\nstages: []\n".utf8)])
        try FileManager.default.createDirectory(atPath: "\(outer)/deep", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: "\(outer)/book/deep", withDestinationPath: "\(outer)/deep")
        let relative = String(repeating: "../", count: CLITests.root.path.split(separator: "/").count) + outer.dropFirst() + "/book/x.yaml"
        let result = try Self.emend(["run", "--pipeline", relative], Array("a  b\n".utf8))
        #expect(result.status == 78)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("\(relative):1:11: error: include names 'deep/../outside.yaml', outside the pipeline's directory"))
    }

    @Test func anICUTransformRuleWithASyntaxErrorIsLocatedInItsFile() throws {
        var rules = String(decoding: try Data(contentsOf: CLITests.root.appendingPathComponent("rules/translit/loc.txt")), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let line = try #require(rules.firstIndex(of: "ж > zh;"))
        rules[line] = "ж > zh ) ;"
        let dir = try Self.scratch(["translit/loc.txt": Array(rules.joined(separator: "\n").utf8)])
        let result = try Self.emend(["translit", "--to", "loc", "--rules", dir], Array("Ежов\n".utf8))
        #expect(result.status == 78)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("""
            \(dir)/translit/loc.txt:\(line + 1):4: error: ICU cannot compile this transform rule (U_ILLEGAL_CHARACTER)
            ж > zh ) ;
               ^

            """))
    }

    /// A rules folder that is not there (a typo in `--set garbles.rules=...`, in
    /// translit's `--rules`) stops the run naming it; it never runs the built-in
    /// rules in silence. A file named in a folder's place is refused too.
    @Test(arguments: [
        ["run", "--set", "garbles.rules=MISSING"],
        ["run", "--set", "page-structure.rules=MISSING"],
        ["run", "--set", "dehyphenate.rules=MISSING"],
        ["translit", "--from", "popular", "--to", "loc", "--rules", "MISSING"],
    ])
    func aRulesFolderThatIsNotThereIsAnError(arguments: [String]) throws {
        let dir = try Self.scratch(["file.txt": Array("not a folder\n".utf8)])
        for (missing, message) in [("\(dir)/no-such-folder", "no such rules folder"), ("\(dir)/file.txt", "not a folder")] {
            let result = try Self.emend(arguments.map { $0.replacingOccurrences(of: "MISSING", with: missing) },
                                        Array("Conceming Yezhov\n".utf8))
            #expect(result.status == 78)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.hasPrefix("\(missing): error: \(message)"))
        }
    }

    @Test func aGarblesRuleWithARunawayPatternIsRefused() throws {
        let dir = try Self.scratch([
            "x.yaml": Array("stages:\n  - garbles: {rules-file: g.yaml}\n".utf8),
            "g.yaml": Array("phrases:\n  - {find: \"(a+)+b\", replace: x}\n".utf8),
        ])
        let result = try Self.emend(["run", "--pipeline", "\(dir)/x.yaml"], Array("x\n".utf8))
        #expect(result.status == 78)
        #expect(result.stderr == """
            \(dir)/g.yaml:2:5: error: pattern refused: a repeated group holds a repetition (nested quantifier), which can run away
              - {find: "(a+)+b", replace: x}
                ^

            """)
    }

    /// A pattern with no nested repetition can still backtrack for ages
    /// ("\\w*\\w*\\w*\\w*x" tries every split of each 300-letter word): it is
    /// stopped on the line, named, and the run ends with the rule-file exit code.
    @Test func aGarblesRuleThatRunsTooLongIsStoppedAndNamed() throws {
        let dir = try Self.scratch([
            "x.yaml": Array("stages:\n  - garbles: {rules-file: g.yaml}\n".utf8),
            "g.yaml": Array("phrases:\n  - {find: \"\\\\w*\\\\w*\\\\w*\\\\w*x\", replace: y}\n".utf8),
        ])
        let word = String(repeating: "a", count: 300)
        let input = Array("short line\n".utf8) + Array((Array(repeating: word, count: 50).joined(separator: " ") + " x\n").utf8)
        let started = Date()
        let result = try Self.emend(["run", "--pipeline", "\(dir)/x.yaml"], input)
        #expect(result.status == 78)
        #expect(result.stderr == "\(dir)/g.yaml:2: error: the pattern of this garbles rule ran for more than 0.5 s on input line 2 and was stopped; it backtracks too much: make it more specific\n")
        #expect(Date().timeIntervalSince(started) < 30)
    }

    /// One "word" of 30,000 letters (a scan of a table border, say) goes
    /// through every stage as it came. Each look-alike try once copied the whole
    /// word: minutes for this line; the run must end, with nothing changed.
    @Test func aThirtyThousandLetterWordPassesUnchanged() throws {
        let input = Array("Before it.\n".utf8) + Array(repeating: UInt8(ascii: "m"), count: 30_000) + Array("\nAfter it.\n".utf8)
        let result = try Self.emend(["run"], input)
        #expect(result.status == 0 && result.stdout == input)
    }

    // MARK: Input files

    /// chmod 000 denies nothing to root, so under root the row is skipped (a
    /// directory given as input, in `CLITests`, is the unreadable file then).
    @Test(.enabled(if: getuid() != 0, "root reads a file whatever its mode"))
    func anUnreadableInputFileIsExitCode66() throws {
        let dir = try Self.scratch(["secret.txt": Array("text\n".utf8)])
        chmod("\(dir)/secret.txt", 0)
        let result = try Self.emend(["run", "\(dir)/secret.txt"])
        #expect(result.status == 66)
        #expect(result.stderr == "emend: error: cannot open '\(dir)/secret.txt': Permission denied\n")
    }
}
