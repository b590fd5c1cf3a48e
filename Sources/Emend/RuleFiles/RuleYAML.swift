import CYaml
import Yams

/// The YAML of a rule file, composed only when its aliases expand to a
/// bounded number of nodes: a few lines of aliases of aliases stand for
/// billions of nodes, and composing them (keys are hashed whole) never ends.
enum RuleYAML {
    /// The most nodes a rule file may stand for, every alias expanded.
    static let maximumNodes = 1_000_000

    /// Aliases that expand too far, and where.
    struct TooLarge: Error, CustomStringConvertible {
        var line: Int
        var column: Int
        var description: String {
            "line \(line), column \(column): its aliases expand to more than \(RuleYAML.maximumNodes) nodes"
        }
    }

    static func compose(_ text: String) throws -> Node? {
        // An alias is written with `*`: its bytes are searched, not its characters
        // through Foundation (which costs more than composing a short file).
        if text.utf8.contains(UInt8(ascii: "*")) {
            if try checkAliases(in: text) { return try Yams.compose(yaml: text) }
            return try composeLikeYams(text, hasNoAliases: true)
        }
        return try composeLikeYams(text)
    }

    /// The node `Yams.compose(yaml:)` gives, made without its default
    /// resolver when that cannot tell: the resolver's regular expressions cost
    /// more to make than composing a rule file. Never changes the node, a
    /// tag as it reads, or an error.
    static func composeLikeYams(_ text: String, hasNoAliases: Bool = false) throws -> Node? {
        if let composed = composedWithoutResolver(text, hasNoAliases: hasNoAliases) { return composed }
        return try Yams.compose(yaml: text)
    }

    /// The text composed with no tag resolution, when that gives what the
    /// default resolver gives; nil when it may not (the caller composes
    /// with the default resolver then). The resolver reads a plain scalar's
    /// tag off its text (`true`, `12`, `null`, `<<`); Yams resolves the
    /// tags of mapping keys alone while composing, to find duplicates, and
    /// leaves every other tag unread until asked. So with no alias (a node
    /// shared by a key and a value), no key that is not a scalar, and every
    /// key a text the resolver reads as a string, the two compose alike, and
    /// a lookup by a text no key has finds nothing either way.
    /// `hasNoAliases`: the text's events were read and hold no alias
    /// (else a `*` anywhere, even in a quoted pattern, counts as one).
    static func composedWithoutResolver(_ text: String, hasNoAliases: Bool = false) -> Node?? {
        if !hasNoAliases, text.utf8.contains(UInt8(ascii: "*")) { return nil }
        let composed: Node?
        do { composed = try Yams.compose(yaml: text, Resolver.basic) } catch { return nil }
        if let composed, !keysReadAsStrings(composed) { return nil }
        return .some(composed)
    }

    private static func keysReadAsStrings(_ node: Node) -> Bool {
        switch node {
        case .scalar: return true
        case .alias: return false
        case .sequence(let sequence): return sequence.allSatisfy(keysReadAsStrings)
        case .mapping(let mapping):
            for (key, value) in mapping {
                guard case .scalar(let scalar) = key, resolvesAsString(scalar.string), keysReadAsStrings(value) else { return false }
            }
            return true
        }
    }

    /// False when the default resolver may read `text` as other than a
    /// string: it is empty, opens as a number does (a digit, a sign, a
    /// point), ends in a line break, or is one of its words (`yes`, `Off`,
    /// `null`, `~`, `<<`, `=`). True only when no rule of it matches.
    static func resolvesAsString(_ text: String) -> Bool {
        guard let first = text.utf8.first, let last = text.unicodeScalars.last else { return false }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."): return false
        default: break
        }
        switch last {
        case "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}": return false
        default: break
        }
        return !resolverWords.contains(text)
    }

    /// The words the default resolver reads as a boolean, a null, a merge or a value.
    private static let resolverWords: Set<String> = [
        "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF", "~", "null", "Null", "NULL", "<<", "=",
    ]

    /// Walks the parser's events, counting each node as often as aliases repeat
    /// it; true when it met an alias, or stopped before the end. Syntax errors
    /// are left for the composer to report.
    private static func checkAliases(in text: String) throws -> Bool {
        var metAlias = false, ended = false
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return true }
        defer { yaml_parser_delete(&parser) }
        var sizes: [String: Int] = [:]
        var open: [(anchor: String?, size: Int)] = []
        let bytes = Array(text.utf8)
        try bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                let mark = event.start_mark
                func add(_ size: Int, anchor: UnsafeMutablePointer<yaml_char_t>?) throws {
                    let size = min(size, maximumNodes + 1)
                    if let anchor { sizes[String(cString: anchor)] = size }
                    if !open.isEmpty { open[open.count - 1].size = min(open[open.count - 1].size + size, maximumNodes + 1) }
                    if size > maximumNodes || (open.last?.size ?? 0) > maximumNodes {
                        throw TooLarge(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
                    }
                }
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    ended = true
                    return
                case YAML_SCALAR_EVENT: try add(1, anchor: event.data.scalar.anchor)
                case YAML_ALIAS_EVENT:
                    metAlias = true
                    try add(sizes[String(cString: event.data.alias.anchor)] ?? 1, anchor: nil)
                case YAML_SEQUENCE_START_EVENT:
                    open.append((event.data.sequence_start.anchor.map { String(cString: $0) }, 1))
                case YAML_MAPPING_START_EVENT:
                    open.append((event.data.mapping_start.anchor.map { String(cString: $0) }, 1))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard let closed = open.popLast() else { return }
                    if let anchor = closed.anchor { sizes[anchor] = closed.size }
                    try add(closed.size, anchor: nil)
                default: break
                }
            }
        }
        return metAlias || !ended
    }
}
