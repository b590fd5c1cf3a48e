import Foundation
import Testing

/// `scripts/install`: the installed emend finds its data under the prefix
/// wherever it is run from, ships completions that know the stage and scheme
/// names, and a copy of the binary alone says where the data should be.
@Suite struct InstallTests {
    /// Runs `scripts/install` with `arguments` (the test's binary, no manual
    /// page: generating it builds a tool, which a running test must not do).
    static func install(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = CLITests.root.appendingPathComponent("scripts/install")
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    @Test func anInstalledEmendFindsItsWordListFromAnyDirectoryAndUninstallsCleanly() throws {
        let scratch = Scratch.root.appendingPathComponent("emend-install-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let prefix = scratch.appendingPathComponent("prefix")
        let installed = try Self.install(["--prefix", prefix.path, "--binary", CLITests.binary.path, "--no-manual"])
        #expect(installed.status == 0, "\(installed.stderr)")

        let manifest = try String(contentsOf: prefix.appendingPathComponent("share/emend/installed-files"), encoding: .utf8)
        let files = manifest.split(separator: "\n").map(String.init)
        #expect(files.contains("bin/emend") && files.contains("share/emend/rules/lexicon/russian-words.txt")
                && files.contains("share/emend/rules/lexicon/russian-names.txt"))
        for file in files {
            #expect(FileManager.default.fileExists(atPath: prefix.appendingPathComponent(file).path), "\(file)")
        }
        // The word list's source and license travel with it.
        let notice = try String(contentsOf: prefix.appendingPathComponent("share/doc/emend/lexicons.md"), encoding: .utf8)
        #expect(notice.contains("Alexander I. Lebedev") && notice.contains("OpenCorpora") && notice.contains("CC BY-SA 3.0"))

        // Completions offer the stage names for --stages and the scheme names for --to.
        let bash = try String(contentsOf: prefix.appendingPathComponent("share/bash-completion/completions/emend"), encoding: .utf8)
        #expect(bash.contains("page-structure") && bash.contains("dehyphenate") && bash.contains("scholarly"))
        let fish = try String(contentsOf: prefix.appendingPathComponent("share/fish/vendor_completions.d/emend.fish"), encoding: .utf8)
        #expect(fish.contains("scholarly"))

        // Run through a symbolic link from another folder, the installed
        // binary reads the word list (the soft sign of вождь comes from it).
        let elsewhere = scratch.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let link = elsewhere.appendingPathComponent("emend")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: prefix.appendingPathComponent("bin/emend"))
        let converted = try CLITests.emend(["translit", "--from", "popular", "--to", "cyrillic", "--whole-text"],
                                           input: Array("vozhd\n".utf8), executable: link)
        #expect(converted.status == 0 && converted.text == "вождь\n", "\(converted.stderr)")
        // ... and the name list (Евреинов is in OpenCorpora, not in hunspell-ru).
        let prose = try CLITests.emend(["translit", "--from", "popular", "--to", "loc"],
                                       input: Array("Yevreinov's men\n".utf8), executable: link)
        #expect(prose.status == 0 && prose.text == "Evreinov's men\n", "\(prose.stderr)")

        // A copy of the binary alone stops and names where the list belongs.
        let copy = elsewhere.appendingPathComponent("emend-copy")
        try FileManager.default.copyItem(at: prefix.appendingPathComponent("bin/emend"), to: copy)
        let alone = try CLITests.emend(["translit", "--from", "popular", "--to", "cyrillic", "--whole-text"],
                                       input: Array("vozhd\n".utf8), executable: copy)
        #expect(alone.status == 78 && alone.stdout.isEmpty)
        #expect(alone.stderr.contains("share/emend/rules/lexicon/russian-words.txt") && alone.stderr.contains("scripts/install"))

        let removed = try Self.install(["--uninstall", "--prefix", prefix.path])
        #expect(removed.status == 0, "\(removed.stderr)")
        for file in files {
            #expect(!FileManager.default.fileExists(atPath: prefix.appendingPathComponent(file).path), "\(file)")
        }
    }

    /// A copy of the binary reads a `rules/` folder above it only in a source
    /// checkout (its Package.swift beside it), never one that happens to lie there.
    @Test func aCopiedBinaryReadsNoRulesFolderThatIsNoCheckout() throws {
        let scratch = Scratch.root.appendingPathComponent("emend-planted-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let bin = scratch.appendingPathComponent("deep/bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: scratch.appendingPathComponent("rules/lexicon"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CLITests.binary, to: bin.appendingPathComponent("emend"))
        try "# planted\nвождь\n".write(to: scratch.appendingPathComponent("rules/lexicon/russian-words.txt"), atomically: true, encoding: .utf8)
        let arguments = ["translit", "--from", "popular", "--to", "cyrillic", "--whole-text"]
        let planted = try CLITests.emend(arguments, input: Array("vozhd\n".utf8), executable: bin.appendingPathComponent("emend"))
        #expect(planted.status == 78 && planted.stdout.isEmpty, "\(planted.stderr)")
        try "// a checkout\n".write(to: scratch.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
        let checkout = try CLITests.emend(arguments, input: Array("vozhd\n".utf8), executable: bin.appendingPathComponent("emend"))
        #expect(checkout.status == 0 && checkout.text == "вождь\n", "\(checkout.stderr)")
    }

    @Test func anUnknownArgumentIsAUsageError() throws {
        let result = try Self.install(["--prefixx", "/nowhere"])
        #expect(result.status == 64 && result.stderr.contains("unknown argument '--prefixx'"))
    }
}
