import Emend
import Foundation

/// A first argument that is neither a file nor a subcommand but a few edits
/// from one (`emend trnaslit --to loc`): without this the default `run` would
/// take it for a missing file, or complain about the subcommand's options.
/// Never touches an argument that names an existing file or directory, an
/// option, or anything that looks like a path (a '/' or a '.' in it).
enum SubcommandGuess {
    /// The subcommand names, `help` included.
    static var names: [String] {
        EmendCommand.configuration.subcommands.map { $0._commandName } + ["help"]
    }

    /// The subcommand `arguments` (without the program name) most likely meant,
    /// or nil when its first argument is taken as it is.
    static func intended(by arguments: [String]) -> String? {
        guard let first = arguments.first, !first.isEmpty, !first.hasPrefix("-"),
              !first.contains("/"), !first.contains("."), !names.contains(first),
              !FileManager.default.fileExists(atPath: first)
        else { return nil }
        return closestMatch(to: first.lowercased(), in: names)
    }
}
