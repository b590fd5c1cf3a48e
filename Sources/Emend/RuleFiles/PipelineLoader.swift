import Foundation
import Yams

#if canImport(Glibc)
import Glibc
#endif

/// The stages of a pipeline as a rule file declares them, before they are built.
public struct PipelineDeclaration: Sendable {
    public struct StageEntry: Sendable {
        public var name: String
        public var options: StageOptions
        public var location: SourceLocation
    }

    public var stages: [StageEntry]

    /// Builds the stages.
    public func makePipeline(name: String = "pipeline") throws -> Pipeline {
        Pipeline(name: name, stages: try stages.map { entry in
            guard let descriptor = StageRegistry.descriptor(named: entry.name) else {
                preconditionFailure("declaration names an unregistered stage")
            }
            do {
                return try descriptor.makeStage(options: entry.options)
            } catch let error as RuleFileError {
                throw error
            } catch {
                throw RuleFileError(file: entry.location.file, location: entry.location,
                                    message: "stage '\(entry.name)' cannot run: \(error)")
            }
        })
    }
}

/// Reads pipeline rule files (YAML):
///
///     version: 1                    # optional; 1 is the only version
///     include: [common.yaml]        # optional; relative to this file, their stages come first
///     stages:
///       - normalize                 # a stage with its default options
///       - whitespace: {leading: true}
///
/// Every problem is a `RuleFileError` located at the offending node.
/// Files under `rules/` that ship with emend are also compiled into the
/// binary (`EmbeddedRules`), so `embedded:` names work from any directory.
public struct PipelineLoader {
    /// The built-in rule files, by path relative to `rules/`.
    public var embedded: [String: String]

    public init(embedded: [String: String] = EmbeddedRules.files) {
        self.embedded = embedded
    }

    /// The display name of an embedded rule file.
    public static func embeddedDisplayName(_ key: String) -> String { "rules/" + key }

    /// The default pipeline, compiled into the binary.
    public func loadDefault() throws -> PipelineDeclaration {
        try loadEmbedded("pipelines/default.yaml")
    }

    public func loadEmbedded(_ key: String) throws -> PipelineDeclaration {
        var stack: [String] = [], included = Set<String>()
        return try load(source: .embedded(key), root: nil, stack: &stack, included: &included)
    }

    /// Loads a rule file from disk. The files it names (includes, and files given
    /// as stage options) are relative paths from its own directory, and neither
    /// they nor their includes may reach outside that directory.
    public func load(path: String) throws -> PipelineDeclaration {
        var stack: [String] = [], included = Set<String>()
        return try load(source: .file(path), root: Self.realPath((path as NSString).deletingLastPathComponent), stack: &stack,
                        included: &included)
    }

    /// Parses rule-file text given directly; the files it names resolve against, and stay under, `directory`.
    public func load(yaml: String, name: String, directory: String = ".") throws -> PipelineDeclaration {
        var stack: [String] = [], included = Set<String>()
        return try parse(yaml, name: name, source: .file((directory as NSString).appendingPathComponent(name)),
                         directory: Self.realPath(directory), stack: &stack, included: &included)
    }

    /// The absolute path the operating system opens for `path`: each component
    /// in turn, a symbolic link replaced by its target before a `..` after it
    /// applies (`link/..` is the parent of the link's target, not the link's
    /// directory). For a file that does not exist, its directory resolved and
    /// its name appended; when the directory does not exist either, nothing can
    /// be opened there and the path is only cleaned.
    private static func realPath(_ path: String) -> String {
        let path = path.isEmpty ? "." : path
        if let real = systemRealPath(path) { return real }
        let name = (path as NSString).lastPathComponent
        if name != "..", name != ".", let directory = systemRealPath((path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent) {
            return (directory as NSString).appendingPathComponent(name)
        }
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }

    private static func systemRealPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// A file named inside a pipeline file, resolved against that file's directory,
    /// or why it is refused: a pipeline reads nothing outside the directory of the
    /// pipeline file the command line names (`root`), so that a pipeline from
    /// elsewhere cannot make emend read, or quote in its messages, any other file.
    private static func confined(_ path: String, namedIn file: String, root: String, what: String) -> Result<String, RefusedPath> {
        if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return .failure(RefusedPath(message: "\(what) names \(path.debugDescription), a path with a control character; a pipeline names files by plain relative paths"))
        }
        if path.hasPrefix("/") || path.hasPrefix("~") {
            return .failure(RefusedPath(message: "\(what) names '\(path)', an absolute path; a pipeline names files by paths relative to its own directory"))
        }
        let resolved = ((file as NSString).deletingLastPathComponent as NSString).appendingPathComponent(path)
        let real = realPath(resolved)
        guard real == root || real.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
            return .failure(RefusedPath(message: "\(what) names '\(path)', outside the pipeline's directory; a pipeline names only files under its own directory"))
        }
        return .success(resolved)
    }

    private struct RefusedPath: Error { var message: String }

    private enum Source {
        case file(String)
        case embedded(String)

        var displayName: String {
            switch self {
            case .file(let path): return path
            case .embedded(let key): return PipelineLoader.embeddedDisplayName(key)
            }
        }

        /// A key that is the same for every spelling of the same file.
        var identity: String {
            switch self {
            case .file(let path): return "file:" + PipelineLoader.realPath(path)
            case .embedded(let key): return "embedded:" + key
            }
        }

        func resolving(_ include: String) -> Source {
            switch self {
            case .file(let path):
                if include.hasPrefix("/") { return .file(include) }
                return .file(((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(include))
            case .embedded(let key):
                let directory = (key as NSString).deletingLastPathComponent
                return .embedded(((directory as NSString).appendingPathComponent(include) as NSString).standardizingPath)
            }
        }
    }

    private func load(source: Source, root: String?, stack: inout [String], included: inout Set<String>) throws -> PipelineDeclaration {
        let text: String
        switch source {
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                let reason = FileManager.default.fileExists(atPath: path) ? "cannot read rule file" : "no such rule file"
                throw RuleFileError(file: path, message: "\(reason) '\(path)'")
            }
            guard let decoded = String(data: data, encoding: .utf8) else {
                throw RuleFileError(file: path, message: "rule file is not valid UTF-8")
            }
            text = decoded
        case .embedded(let key):
            guard let builtIn = embedded[key] else {
                throw RuleFileError(file: source.displayName, message: "no built-in rule file '\(source.displayName)'")
            }
            text = builtIn
        }
        return try parse(text, name: source.displayName, source: source, directory: root, stack: &stack, included: &included)
    }

    /// `included`: every file included so far in this pipeline; a file included
    /// again adds nothing (its stages came in at its first include), so nine
    /// files that each include one file ten times load it once, not a billion times.
    private func parse(_ text: String, name: String, source: Source, directory confinement: String?, stack: inout [String],
                       included: inout Set<String>) throws -> PipelineDeclaration {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func error(_ message: String, at node: Node?, notes: [String] = []) -> RuleFileError {
            guard let mark = node?.mark else { return RuleFileError(file: name, message: message, notes: notes) }
            return located(message, line: mark.line, column: mark.column, notes: notes)
        }
        func located(_ message: String, line: Int, column: Int, notes: [String] = []) -> RuleFileError {
            RuleFileError(file: name, location: SourceLocation(file: name, line: line, column: column), message: message,
                          notes: notes, sourceLine: line >= 1 && line <= lines.count ? lines[line - 1] : nil)
        }

        /// A file this file names, resolved and confined to `root` (files on disk only).
        func resolvedPath(_ path: String, at node: Node, what: String) throws -> String {
            guard case .file(let file) = source, let confinement else { return path }
            switch Self.confined(path, namedIn: file, root: confinement, what: what) {
            case .success(let resolved): return resolved
            case .failure(let refused): throw error(refused.message, at: node)
            }
        }

        stack.append(source.identity)
        defer { stack.removeLast() }

        let root: Node?
        do {
            root = try RuleYAML.compose(text)
        } catch let tooLarge as RuleYAML.TooLarge {
            throw located("not a rule file: its aliases expand to more than \(RuleYAML.maximumNodes) nodes", line: tooLarge.line, column: tooLarge.column)
        } catch let yamlError as YamlError {
            switch yamlError {
            case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
                throw located("not valid YAML: \(problem)", line: mark.line, column: mark.column)
            default:
                throw RuleFileError(file: name, message: "not valid YAML: \(yamlError)")
            }
        }
        guard let root, root.scalar?.string.isEmpty != true else {
            throw RuleFileError(file: name, message: "empty rule file; expected a mapping with a 'stages:' list")
        }
        guard let mapping = root.mapping else {
            throw error("expected a mapping with a 'stages:' list at the top level, found \(kindName(root, lines: lines))", at: root)
        }

        let topLevelKeys = ["version", "include", "stages"]
        var stages: [PipelineDeclaration.StageEntry] = []
        var ownStages: [PipelineDeclaration.StageEntry] = []
        var sawStages = false
        for (keyNode, value) in mapping {
            guard let key = keyNode.string, topLevelKeys.contains(key) else {
                let key = keyNode.string ?? "\(keyNode)"
                throw error("unknown key '\(key)'; expected one of \(quotedList(topLevelKeys))", at: keyNode,
                            notes: closestMatch(to: key, in: topLevelKeys).map { ["did you mean '\($0)'?"] } ?? [])
            }
            switch key {
            case "version":
                guard value.int == 1 else {
                    throw error("unsupported version '\(value.string ?? "\(value)")'; this emend reads version 1", at: value)
                }
            case "include":
                guard let list = value.sequence else {
                    throw error("expected a list of rule files for 'include', found \(kindName(value, lines: lines))", at: value)
                }
                for item in list {
                    guard let path = item.scalar?.string, !path.isEmpty else {
                        throw error("expected a rule file path in 'include', found \(kindName(item, lines: lines))", at: item)
                    }
                    let target: Source
                    if case .file = source { target = .file(try resolvedPath(path, at: item, what: "include")) } else { target = source.resolving(path) }
                    if stack.contains(target.identity) {
                        let chain = (stack + [target.identity]).map(Self.displayName(identity:))
                        throw error("include cycle: " + chain.joined(separator: " -> "), at: item)
                    }
                    guard included.insert(target.identity).inserted else { continue }
                    let declaration: PipelineDeclaration
                    do {
                        declaration = try load(source: target, root: confinement, stack: &stack, included: &included)
                    } catch var nested as RuleFileError where nested.location == nil {
                        // A missing or unreadable include is reported where it is named.
                        let where_ = error(nested.message, at: item)
                        nested.location = where_.location
                        nested.sourceLine = where_.sourceLine
                        nested.file = name
                        throw nested
                    }
                    stages.append(contentsOf: declaration.stages)
                }
            default:
                sawStages = true
                guard let list = value.sequence else {
                    throw error("expected a list of stages for 'stages', found \(kindName(value, lines: lines))", at: value)
                }
                for item in list {
                    ownStages.append(try stageEntry(item, file: name, error: error) { path, node, option in
                        try resolvedPath(path, at: node, what: "option '\(option)'")
                    })
                }
            }
        }
        guard sawStages || !stages.isEmpty else {
            throw error("missing 'stages:' list", at: root)
        }
        return PipelineDeclaration(stages: stages + ownStages)
    }

    private func stageEntry(_ item: Node, file: String, error: (String, Node?, [String]) -> RuleFileError,
                            resolvedPath: (String, Node, String) throws -> String) throws -> PipelineDeclaration.StageEntry {
        let nameNode: Node
        var optionsNode: Node?
        if let scalar = item.scalar {
            nameNode = .scalar(scalar)
        } else if let map = item.mapping, map.count == 1, let pair = map.first {
            nameNode = pair.key
            optionsNode = pair.value
        } else {
            throw error("expected a stage name or a one-key map from a stage name to its options, found \(kindName(item))", item, [])
        }
        let name = nameNode.string ?? ""
        guard let descriptor = StageRegistry.descriptor(named: name) else {
            throw error("unknown stage '\(name)'; expected one of \(quotedList(StageRegistry.names))", nameNode,
                        closestMatch(to: name, in: StageRegistry.names).map { ["did you mean '\($0)'?"] } ?? [])
        }
        var values: [String: OptionValue] = [:]
        if let optionsNode, !(optionsNode.scalar.map { $0.string.isEmpty || $0.tag.description == Tag.Name.null.rawValue } ?? false) {
            guard let options = optionsNode.mapping else {
                throw error("expected a map of options for stage '\(name)', found \(kindName(optionsNode))", optionsNode, [])
            }
            let optionNames = descriptor.options.map(\.name)
            for (keyNode, valueNode) in options {
                let key = keyNode.string ?? ""
                guard let spec = descriptor.options.first(where: { $0.name == key }) else {
                    let expected = optionNames.isEmpty ? "it takes no options" : "expected one of \(quotedList(optionNames))"
                    throw error("unknown option '\(key)' for stage '\(name)'; \(expected)", keyNode,
                                closestMatch(to: key, in: optionNames).map { ["did you mean '\($0)'?"] } ?? [])
                }
                guard let scalar = valueNode.scalar else {
                    throw error("option '\(key)' of stage '\(name)': expected \(spec.kind), found \(kindName(valueNode))", valueNode, [])
                }
                let value: OptionValue
                switch spec.kind {
                case .bool: value = valueNode.bool.map(OptionValue.bool) ?? .string(scalar.string)
                case .integer: value = valueNode.int.map(OptionValue.integer) ?? .string(scalar.string)
                case .choice, .string: value = .string(scalar.string)
                }
                if let problem = spec.problem(with: value) {
                    var notes: [String] = []
                    if case .choice(let choices) = spec.kind, let guess = closestMatch(to: scalar.string, in: choices) {
                        notes.append("did you mean '\(guess)'?")
                    }
                    throw error("option '\(key)' of stage '\(name)': \(problem)", valueNode, notes)
                }
                // Every string option names a file or directory.
                if case .string = spec.kind, !scalar.string.isEmpty {
                    values[key] = .string(try resolvedPath(scalar.string, valueNode, key))
                } else {
                    values[key] = value
                }
            }
        }
        let mark = nameNode.mark ?? item.mark
        return PipelineDeclaration.StageEntry(
            name: name, options: StageOptions(specs: descriptor.options, values: values),
            location: SourceLocation(file: file, line: mark?.line ?? 0, column: mark?.column ?? 0))
    }

    private static func displayName(identity: String) -> String {
        if identity.hasPrefix("file:") { return String(identity.dropFirst(5)) }
        return "rules/" + identity.dropFirst("embedded:".count)
    }

    /// What a node is, for a message. A scalar is quoted only as far as its
    /// first line (`lines` are the file's, when known) and 60 characters: a
    /// file that is no rule file at all (a pipeline naming /etc/passwd) reads
    /// as one long scalar, and a message quotes no more of it than one line.
    private func kindName(_ node: Node, lines: [String] = []) -> String {
        switch node {
        case .scalar(let scalar):
            var limit = 60
            if let mark = node.mark, mark.line >= 1, mark.line <= lines.count {
                limit = min(limit, max(0, lines[mark.line - 1].count - (mark.column - 1)))
            }
            let text = scalar.string.prefix { $0 != "\n" }
            return "the scalar '\(text.count > limit ? text.prefix(limit) + "…" : text)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}
