import Yams

/// What is wrong with a stage, option or value as written: the message, and
/// notes such as a suggestion.
public struct OptionProblem: Error, Sendable, Equatable {
    public var message: String
    public var notes: [String]
}

/// Reads stage names, option names and option values the one way both a
/// pipeline file and the command line (`--set STAGE.OPTION=VALUE`) read them,
/// with the same messages. It checks; it resolves no path and opens no file.
enum StageOptionReader {
    /// The registered stage `name`, or what is wrong with it.
    static func stage(named name: String) -> Result<StageDescriptor, OptionProblem> {
        if let descriptor = StageRegistry.descriptor(named: name) { return .success(descriptor) }
        return .failure(OptionProblem(
            message: "unknown stage '\(name)'; expected one of \(quotedList(StageRegistry.names))",
            notes: closestMatch(to: name, in: StageRegistry.names).map { ["did you mean '\($0)'?"] } ?? []))
    }

    /// The option `key` of `descriptor`, or what is wrong with it.
    static func option(named key: String, of descriptor: StageDescriptor) -> Result<OptionSpec, OptionProblem> {
        if let spec = descriptor.options.first(where: { $0.name == key }) { return .success(spec) }
        let names = descriptor.options.map(\.name)
        let expected = names.isEmpty ? "it takes no options" : "expected one of \(quotedList(names))"
        return .failure(OptionProblem(
            message: "unknown option '\(key)' for stage '\(descriptor.name)'; \(expected)",
            notes: closestMatch(to: key, in: names).map { ["did you mean '\($0)'?"] } ?? []))
    }

    /// The value a YAML scalar gives option `spec` of stage `stage`, checked
    /// against the option's type: `true`, `64` and `nfkc` read as YAML reads them.
    static func value(of node: Node, spec: OptionSpec, stage: String) -> Result<OptionValue, OptionProblem> {
        guard let scalar = node.scalar else {
            return .failure(OptionProblem(message: "option '\(spec.name)' of stage '\(stage)': expected \(spec.kind)", notes: []))
        }
        let value: OptionValue
        switch spec.kind {
        case .bool: value = node.bool.map(OptionValue.bool) ?? .string(scalar.string)
        case .integer: value = node.int.map(OptionValue.integer) ?? .string(scalar.string)
        case .choice, .string: value = .string(scalar.string)
        }
        guard let problem = spec.problem(with: value) else { return .success(value) }
        var notes: [String] = []
        if case .choice(let choices) = spec.kind, let guess = closestMatch(to: scalar.string, in: choices) {
            notes.append("did you mean '\(guess)'?")
        }
        return .failure(OptionProblem(message: "option '\(spec.name)' of stage '\(stage)': \(problem)", notes: notes))
    }
}
