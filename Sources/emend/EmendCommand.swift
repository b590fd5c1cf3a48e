import ArgumentParser
import Emend

#if canImport(Glibc)
import Glibc
#endif

/// `emend`: the command-line front of the Emend library. With no subcommand
/// it runs the default pipeline from standard input to standard output.
@main
struct EmendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emend",
        abstract: "Clean raw OCR and normalize the spelling of books about Russia and the Soviet Union.",
        discussion: """
            emend < scan.txt > clean.txt runs the default pipeline (normalize, page structure, \
            hyphenation, garbles, whitespace; never transliteration unless asked). Editors review \
            the changes with diff, run --explain and check, and compare editions with variants.
            Exit codes: 0 success, 64 usage error, 65 invalid input data (--strict), \
            66 missing or unreadable input, 73 cannot create output, 74 write error, 78 rule-file error.
            Files: the rule files and the English word list are compiled in. The Russian word list, \
            which reading a lossy scheme needs, is read from PREFIX/share/emend/rules/lexicon/russian-words.txt \
            beside an installed PREFIX/bin/emend (scripts/install puts it there), or from rules/lexicon/ \
            of the source tree the binary was built in; --words FILE names another. The Russian name list, \
            which the Russian words of English prose need, is read from russian-names.txt beside it; \
            --names FILE names another.
            Data and licences: the English word list is from SCOWL (Kevin Atkinson; permissive notice); the \
            word frequencies compiled in are from wordfreq 3.1.1 by Robyn Speer, CC BY-SA 4.0 \
            (https://creativecommons.org/licenses/by-sa/4.0/); the Russian word list is derived from \
            hunspell-ru (Alexander I. Lebedev, BSD-style licence); the Russian name list from OpenCorpora \
            (CC BY-SA 3.0). Sources, changes and full notices: PREFIX/share/doc/emend/.
            """,
        version: "emend \(Emend.version) (ICU \(ICU.version))",
        subcommands: [RunCommand.self, DiffCommand.self, CheckCommand.self, VariantsCommand.self, TranslitCommand.self, LearnCommand.self, StagesCommand.self, SchemesCommand.self],
        defaultSubcommand: RunCommand.self
    )

    /// Runs the command, then checks that what went to standard output through
    /// the C library's buffer (listings, help) was written: `emend stages >
    /// /dev/full` is a write error (exit 74), not a success. A closed pipe stays quiet.
    /// A mistyped subcommand, and every error the argument parser finds, is
    /// reported as `emend: error: …` with exit code 64.
    static func main() {
        HeapPolicy.apply()
        atexit {
            errno = 0
            let failed = fflush(nil) != 0
            let code = errno
            guard failed, code != EPIPE else { return }
            printError("emend: error: cannot write to standard output: \(code == 0 ? "write error" : String(cString: strerror(code)))")
            _exit(ExitStatus.ioError)
        }
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let guess = SubcommandGuess.intended(by: arguments) {
            printError("emend: error: unknown command '\(arguments[0])'; did you mean '\(guess)'?")
            Glibc.exit(ExitStatus.usage)
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            UsageErrors.exit(error)
        }
    }
}
