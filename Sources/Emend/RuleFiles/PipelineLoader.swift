import Foundation
import Yams

#if canImport(Glibc)
import Glibc
#endif

/// Reads pipeline rule files (YAML):
///
///     version: 1                    # optional; 1 is the only version
///     include: [default, common.yaml]   # optional: a built-in pipeline by name, or a file
///                                   # relative to this one; their stages come first
///     stages:
///       - normalize                 # a stage with its default options
///       - whitespace: {leading: true}
///       - page-structure: false     # an included stage removed
///
/// A stage the includes run is changed, not run twice: see `StageListMerge`.
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
        var stack: [String] = [], included = Set<String>(), merge = StageListMerge()
        try load(source: .embedded(key), roots: nil, stack: &stack, included: &included, merge: &merge)
        return PipelineDeclaration(stages: merge.stages)
    }

    /// Loads a rule file from disk. The files it names (includes, and files given
    /// as stage options) are relative paths from its own directory, and neither
    /// they nor their includes may reach outside that directory, or outside one
    /// of `sharedDirectories`: folders of rule files several pipelines share,
    /// which only the caller (the command line's `--rules-dir`) can name, never a rule file.
    public func load(path: String, sharedDirectories: [String] = []) throws -> PipelineDeclaration {
        var stack: [String] = [], included = Set<String>(), merge = StageListMerge()
        let roots = [Self.realPath((path as NSString).deletingLastPathComponent)] + sharedDirectories.map(Self.realPath)
        try load(source: .file(path), roots: roots, stack: &stack, included: &included, merge: &merge)
        return PipelineDeclaration(stages: merge.stages)
    }

    /// Parses rule-file text given directly; the files it names resolve against, and stay under,
    /// `directory` (or one of `sharedDirectories`).
    public func load(yaml: String, name: String, directory: String = ".", sharedDirectories: [String] = []) throws -> PipelineDeclaration {
        var stack: [String] = [], included = Set<String>(), merge = StageListMerge()
        try parse(yaml, name: name, source: .file((directory as NSString).appendingPathComponent(name)),
                  roots: [Self.realPath(directory)] + sharedDirectories.map(Self.realPath), stack: &stack, included: &included,
                  merge: &merge)
        return PipelineDeclaration(stages: merge.stages)
    }

    /// The names of the built-in pipelines an `include:` may name (`default`).
    public var builtInPipelines: [String] {
        embedded.keys.filter { $0.hasPrefix("pipelines/") && $0.hasSuffix(".yaml") }
            .map { String($0.dropFirst("pipelines/".count).dropLast(".yaml".count)) }.sorted()
    }

    /// An include that names a built-in pipeline: a bare name, with no `/` and no `.`.
    private static func isBuiltInName(_ include: String) -> Bool {
        !include.contains("/") && !include.contains(".")
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
    /// pipeline file the command line names and the shared folders it names
    /// (`roots`, the first the pipeline's), so that a pipeline from elsewhere
    /// cannot make emend read, or quote in its messages, any other file.
    private static func confined(_ path: String, namedIn file: String, roots: [String], what: String) -> Result<String, RefusedPath> {
        if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return .failure(RefusedPath(message: "\(what) names \(path.debugDescription), a path with a control character; a pipeline names files by plain relative paths"))
        }
        if path.hasPrefix("/") || path.hasPrefix("~") {
            return .failure(RefusedPath(message: "\(what) names '\(path)', an absolute path; a pipeline names files by paths relative to its own directory"))
        }
        let resolved = ((file as NSString).deletingLastPathComponent as NSString).appendingPathComponent(path)
        let real = realPath(resolved)
        guard roots.contains(where: { root in real == root || real.hasPrefix(root.hasSuffix("/") ? root : root + "/") }) else {
            if roots.count > 1 {
                return .failure(RefusedPath(message: "\(what) names '\(path)', outside the pipeline's directory and the shared rule folders; a pipeline names only files under its own directory or a folder given with --rules-dir"))
            }
            return .failure(RefusedPath(message: "\(what) names '\(path)', outside the pipeline's directory; a pipeline names only files under its own directory",
                                        notes: ["a folder of rule files shared by several pipelines is allowed only from the command line: --rules-dir DIR"]))
        }
        return .success(resolved)
    }

    private struct RefusedPath: Error {
        var message: String
        var notes: [String] = []
    }

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

    private func load(source: Source, roots: [String]?, stack: inout [String], included: inout Set<String>,
                      merge: inout StageListMerge) throws {
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
        try parse(text, name: source.displayName, source: source, roots: roots, stack: &stack, included: &included, merge: &merge)
    }

    /// Reads one pipeline file into `merge`, the pipeline's one list of stages:
    /// first its includes, in order, each into the same list; then its own
    /// `stages:` items, which change (or with `false` remove) any stage the
    /// list already runs and add the others. `included`: every file included so
    /// far in this pipeline; a file included again adds nothing (its stages came
    /// in at its first include, and a later file changes them where they are),
    /// so nine files that each include one file ten times load it once, not a
    /// billion times.
    private func parse(_ text: String, name: String, source: Source, roots confinement: [String]?, stack: inout [String],
                       included: inout Set<String>, merge: inout StageListMerge) throws {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func error(_ message: String, at node: Node?, notes: [String] = []) -> RuleFileError {
            guard let mark = node?.mark else { return RuleFileError(file: name, message: message, notes: notes) }
            return located(message, line: mark.line, column: mark.column, notes: notes)
        }
        func located(_ message: String, line: Int, column: Int, notes: [String] = []) -> RuleFileError {
            RuleFileError(file: name, location: SourceLocation(file: name, line: line, column: column), message: message,
                          notes: notes, sourceLine: line >= 1 && line <= lines.count ? lines[line - 1] : nil)
        }

        /// A file this file names, resolved and confined to `roots` (files on disk only).
        func resolvedPath(_ path: String, at node: Node, what: String) throws -> String {
            guard case .file(let file) = source, let confinement else { return path }
            switch Self.confined(path, namedIn: file, roots: confinement, what: what) {
            case .success(let resolved): return resolved
            case .failure(let refused): throw error(refused.message, at: node, notes: refused.notes)
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
        var includes = false
        var ownStages: [StageItem] = []
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
                // `include: default` is `include: [default]`.
                let list: [Node]
                if let sequence = value.sequence {
                    list = Array(sequence)
                } else if let scalar = value.scalar, !scalar.string.isEmpty {
                    list = [value]
                } else {
                    throw error("expected a list of rule files for 'include', found \(kindName(value, lines: lines))", at: value)
                }
                for item in list {
                    guard let path = item.scalar?.string, !path.isEmpty else {
                        throw error("expected a rule file path in 'include', found \(kindName(item, lines: lines))", at: item)
                    }
                    let target: Source
                    if Self.isBuiltInName(path) {
                        let names = builtInPipelines
                        guard names.contains(path) else {
                            var notes = closestMatch(to: path, in: names).map { ["did you mean '\($0)'?"] } ?? []
                            notes.append("a name with no '/' and no '.' is a built-in pipeline; a file of that name is included as './\(path)'")
                            throw error("no built-in pipeline '\(path)'; expected one of \(quotedList(names))", at: item, notes: notes)
                        }
                        target = .embedded("pipelines/\(path).yaml")
                    } else if case .file = source {
                        target = .file(try resolvedPath(path, at: item, what: "include"))
                    } else {
                        target = source.resolving(path)
                    }
                    if stack.contains(target.identity) {
                        let chain = (stack + [target.identity]).map(Self.displayName(identity:))
                        throw error("include cycle: " + chain.joined(separator: " -> "), at: item)
                    }
                    includes = true
                    guard included.insert(target.identity).inserted else { continue }
                    do {
                        try load(source: target, roots: confinement, stack: &stack, included: &included, merge: &merge)
                    } catch var nested as RuleFileError where nested.location == nil {
                        // A missing or unreadable include is reported where it is named.
                        let where_ = error(nested.message, at: item)
                        nested.location = where_.location
                        nested.sourceLine = where_.sourceLine
                        nested.file = name
                        throw nested
                    }
                }
            default:
                sawStages = true
                guard let list = value.sequence else {
                    throw error("expected a list of stages for 'stages', found \(kindName(value, lines: lines))", at: value)
                }
                for item in list {
                    ownStages.append(try stageItem(item, file: name, error: error) { path, node, option in
                        try resolvedPath(path, at: node, what: "option '\(option)'")
                    })
                }
            }
        }
        guard sawStages || includes else {
            throw error("missing 'stages:' list", at: root)
        }
        merge.beginFile()
        for item in ownStages {
            if item.removes {
                guard merge.remove(item.entry.name) else {
                    throw error("stage '\(item.entry.name)' is set to false, but no included pipeline runs it; false removes an included stage",
                                at: item.node)
                }
            } else {
                merge.add(item.entry)
            }
        }
    }

    /// One item of a file's own `stages:` list: a stage to run, or to change when
    /// an include runs it, or (`STAGE: false`) an included stage to remove.
    private struct StageItem {
        var entry: PipelineDeclaration.StageEntry
        var removes: Bool
        var node: Node
    }

    private func stageItem(_ item: Node, file: String, error: (String, Node?, [String]) -> RuleFileError,
                           resolvedPath: (String, Node, String) throws -> String) throws -> StageItem {
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
        let descriptor: StageDescriptor
        switch StageOptionReader.stage(named: name) {
        case .success(let found): descriptor = found
        case .failure(let problem): throw error(problem.message, nameNode, problem.notes)
        }
        let mark = nameNode.mark ?? item.mark
        let location = SourceLocation(file: file, line: mark?.line ?? 0, column: mark?.column ?? 0)
        if let optionsNode, optionsNode.scalar != nil, optionsNode.bool == false {
            return StageItem(entry: PipelineDeclaration.StageEntry(name: name, options: StageOptions(specs: descriptor.options), location: location),
                             removes: true, node: item)
        }
        var values: [String: OptionValue] = [:]
        if let optionsNode, !(optionsNode.scalar.map { $0.string.isEmpty || $0.tag.description == Tag.Name.null.rawValue } ?? false) {
            guard let options = optionsNode.mapping else {
                throw error("expected a map of options for stage '\(name)', or false to remove an included stage, found \(kindName(optionsNode))", optionsNode, [])
            }
            for (keyNode, valueNode) in options {
                let spec: OptionSpec
                switch StageOptionReader.option(named: keyNode.string ?? "", of: descriptor) {
                case .success(let found): spec = found
                case .failure(let problem): throw error(problem.message, keyNode, problem.notes)
                }
                guard valueNode.scalar != nil else {
                    throw error("option '\(spec.name)' of stage '\(name)': expected \(spec.kind), found \(kindName(valueNode))", valueNode, [])
                }
                let value: OptionValue
                switch StageOptionReader.value(of: valueNode, spec: spec, stage: name) {
                case .success(let read): value = read
                case .failure(let problem): throw error(problem.message, valueNode, problem.notes)
                }
                // Every string option names a file or directory.
                if case .string(let path) = value, case .string = spec.kind, !path.isEmpty {
                    values[spec.name] = .string(try resolvedPath(path, valueNode, spec.name))
                } else {
                    values[spec.name] = value
                }
            }
        }
        return StageItem(entry: PipelineDeclaration.StageEntry(
            name: name, options: StageOptions(specs: descriptor.options, values: values), location: location),
            removes: false, node: item)
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
