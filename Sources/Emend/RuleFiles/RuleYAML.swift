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
        if text.utf8.contains(UInt8(ascii: "*")) { try checkAliases(in: text) }
        return try Yams.compose(yaml: text)
    }

    /// Walks the parser's events, counting each node as often as aliases repeat
    /// it. Syntax errors are left for the composer to report.
    private static func checkAliases(in text: String) throws {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
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
                case YAML_STREAM_END_EVENT: return
                case YAML_SCALAR_EVENT: try add(1, anchor: event.data.scalar.anchor)
                case YAML_ALIAS_EVENT: try add(sizes[String(cString: event.data.alias.anchor)] ?? 1, anchor: nil)
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
    }
}
