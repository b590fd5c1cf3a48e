import ArgumentParser
import Emend

#if canImport(Glibc)
import Glibc
#endif

/// How emend ends on an error that swift-argument-parser found or was handed
/// (an unknown option, a missing value, a `ValidationError`): the message starts
/// with `emend: error:`, as every other error of emend does, followed by the
/// parser's usage lines; the exit code is the parser's (64 for usage errors).
/// Help and `--version` still go to standard output with exit code 0.
enum UsageErrors {
    static func exit(_ error: Error) -> Never {
        let code = EmendCommand.exitCode(for: error)
        // Help, version and completion scripts: the parser's own way, to standard output.
        guard code != .success else { EmendCommand.exit(withError: error) }
        let message = EmendCommand.fullMessage(for: error)
        if !message.isEmpty { printError(rewritten(message)) }
        Glibc.exit(code.rawValue)
    }

    /// The parser's message with its `Error: ` prefix made emend's, and the
    /// first word lower-cased as emend's own messages are ("Unknown option"
    /// becomes "unknown option"; "ICU" stays as it is).
    static func rewritten(_ message: String) -> String {
        let message = withoutFarSuggestion(message)
        let prefix = "Error: "
        guard message.hasPrefix(prefix) else { return "emend: error: " + message }
        var rest = Substring(message.dropFirst(prefix.count))
        if let first = rest.first, first.isUppercase, let second = rest.dropFirst().first, second.isLowercase {
            rest = Substring(first.lowercased()) + rest.dropFirst()
        }
        return "emend: error: " + rest
    }

    /// The parser's "Did you mean '--jobs'?" after an unknown option is kept
    /// only when the suggestion is as close as emend's own suggestions are
    /// (`closestMatch`): `--lok-ahead` still gets `--look-ahead`, `--bogus`
    /// gets no guess. Nothing else of the message changes.
    static func withoutFarSuggestion(_ message: String) -> String {
        let pattern = #/unknown option '(?<given>[^']+)'\. Did you mean '(?<suggested>[^']+)'\?/#.ignoresCase()
        guard let match = message.firstMatch(of: pattern),
              closestMatch(to: String(match.output.given), in: [String(match.output.suggested)]) == nil else { return message }
        let sentence = message[match.range]
        let kept = sentence[..<(sentence.range(of: ". Did you mean")?.lowerBound ?? sentence.endIndex)]
        return message.replacingCharacters(in: match.range, with: kept)
    }
}
