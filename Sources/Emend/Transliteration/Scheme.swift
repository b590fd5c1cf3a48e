import Foundation
import Yams

/// A romanization scheme of Russian, as named on the command line and in
/// pipeline files (`loc`, `popular`, …), with its ICU rule files.
public struct TransliterationScheme: Sendable, Equatable {
    public let name: String
    public let summary: String
    /// Rule file (relative to `rules/translit/`) for Cyrillic → Latin.
    public let forwardRules: String
    /// Rule file for Latin → Cyrillic: exact for reversible schemes, the most
    /// likely reading for the others.
    public let reverseRules: String
    /// True when Cyrillic → Latin → Cyrillic is the identity.
    public let isReversible: Bool
    /// For lossy schemes: groups of Cyrillic spellings the Latin does not tell
    /// apart (ц and тс in `loc`), used to list candidate readings.
    public let alternatives: [[String]]
    /// Optional letter table file for Cyrillic → Latin (see `LetterTable`):
    /// converts the words it can do exactly without ICU.
    public let letterTable: String?

    /// The name of Cyrillic text itself in `--from` and `--to`.
    public static let cyrillicName = "cyrillic"
}

/// The schemes emend knows: the catalogue in `rules/translit/schemes.yaml`.
public enum TransliterationSchemes {
    public static let all: [TransliterationScheme] = {
        do {
            return try load(catalogue: RuleLibrary.builtIn.text(of: "translit/schemes.yaml") ?? "",
                            alternatives: try RuleLibrary.builtIn.text(of: "translit/alternatives.tsv"))
        } catch {
            preconditionFailure("the built-in scheme catalogue does not load: \(error)")
        }
    }()

    /// The schemes' names, as the built-in catalogue lists them: the command
    /// line lists them at every start, so they are compiled in
    /// (`EmbeddedRules.schemeNames`; a test checks them against the catalogue).
    public static var names: [String] { EmbeddedRules.schemeNames }

    /// Scheme names plus `cyrillic`, as accepted by `--from` and `--to`.
    public static var choices: [String] { [TransliterationScheme.cyrillicName] + names }

    public static func named(_ name: String) -> TransliterationScheme? { all.first { $0.name == name } }

    /// Reads a scheme catalogue and the alternatives table.
    static func load(catalogue: String, alternatives: String?) throws -> [TransliterationScheme] {
        let file = "rules/translit/schemes.yaml"
        guard let root = try Yams.compose(yaml: catalogue)?.mapping, let list = root["schemes"]?.sequence else {
            throw RuleFileError(file: file, message: "expected a 'schemes:' list")
        }
        var groups: [String: [[String]]] = [:]
        for (number, line) in (alternatives ?? "").split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard number > 0, fields.count >= 3, !line.hasPrefix("#") else { continue }
            groups[fields[0], default: []].append(fields[2].split(separator: "|").map(String.init))
        }
        return try list.map { item in
            func field(_ key: String) throws -> String {
                guard let value = item.mapping?[key]?.string, !value.isEmpty else {
                    let mark = item.mark
                    throw RuleFileError(file: file, location: mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) },
                                        message: "scheme entry lacks '\(key)'")
                }
                return value
            }
            let name = try field("name")
            return TransliterationScheme(
                name: name, summary: try field("summary"), forwardRules: try field("forward"),
                reverseRules: try field("reverse"), isReversible: item.mapping?["reversible"]?.bool ?? false,
                alternatives: groups[name] ?? [], letterTable: item.mapping?["letters"]?.string)
        }
    }
}

/// Where rule files come from: the copies compiled into the binary, or a
/// directory of the user's that overrides them file by file.
public struct RuleLibrary: Sendable {
    /// A directory whose files take precedence (same layout as `rules/`), or nil.
    public var directory: String?

    public static let builtIn = RuleLibrary(directory: nil)

    public init(directory: String?) { self.directory = directory }

    /// The library of a rules folder the user named (`--rules`, a stage's
    /// `rules` option), after checking the folder is there: a folder that
    /// does not exist, or a file given in its place, is an error naming it,
    /// never a silent run with the built-in rules. nil gives the built-in library.
    public init(checking directory: String?) throws {
        if let directory {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder) else {
                throw RuleFileError(file: directory, message: "no such rules folder",
                                    notes: ["a rules folder holds files laid out as rules/ is, each overriding the built-in one; name an existing folder, or leave the option out for the built-in rules"])
            }
            guard isFolder.boolValue else {
                throw RuleFileError(file: directory, message: "not a folder; a rules option names a folder laid out as rules/ is")
            }
        }
        self.directory = directory
    }

    /// The name to show for a rule file in messages.
    public func displayName(of path: String) -> String {
        if let directory, overrides(path) { return (directory as NSString).appendingPathComponent(path) }
        return PipelineLoader.embeddedDisplayName(path)
    }

    /// True when the directory has its own copy of the rule file at `path`.
    public func overrides(_ path: String) -> Bool {
        guard let directory else { return false }
        return FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent(path))
    }

    /// The text of a rule file (path relative to `rules/`), or nil when there is none.
    /// Throws when the directory's copy is a link out of the directory (see `localFile`).
    public func text(of path: String) throws -> String? {
        if let full = try localFile(path), let data = FileManager.default.contents(atPath: full) {
            return String(decoding: data, as: UTF8.self)
        }
        return EmbeddedRules.files[path]
    }

    /// The directory's own copy of the rule file at `path`, when it has one.
    /// A copy that is a symbolic link (or lies under one) leading out of the
    /// directory is an error that names the link and never quotes the file it
    /// leads to: a rules folder a pipeline names may hold only its own files.
    package func localFile(_ path: String) throws -> String? {
        guard let directory else { return nil }
        let full = (directory as NSString).appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: full) else { return nil }
        let root = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
        let real = URL(fileURLWithPath: full).resolvingSymlinksInPath().path
        guard real.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
            throw RuleFileError(file: full, message: "a link out of the rules folder '\(directory)'; a rules folder may hold only its own files")
        }
        return full
    }
}
