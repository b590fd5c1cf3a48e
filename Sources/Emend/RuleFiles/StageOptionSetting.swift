import Yams

/// One stage option given outside a pipeline file, as `STAGE.OPTION=VALUE`
/// (the command line's `--set garbles.rules-file=book.yaml`). The stage, the
/// option and the value are checked exactly as a pipeline file's are (the
/// value read as a plain YAML scalar: `true`, `64`, `nfkc`). A path is taken
/// as given: it is the caller's own choice, so it is neither resolved against
/// a rule file's directory nor confined to one.
public struct StageOptionSetting: Sendable, Equatable {
    public let stage: String
    public let option: String
    public let value: OptionValue
    /// The setting as it was written, for messages.
    public let text: String

    /// Reads `STAGE.OPTION=VALUE`; the problem says what is wrong with it.
    public init(parsing text: String) throws(OptionProblem) {
        guard let equals = text.firstIndex(of: "="), let dot = text[..<equals].firstIndex(of: ".") else {
            throw OptionProblem(message: "expected STAGE.OPTION=VALUE, such as garbles.rules-file=book.yaml", notes: [])
        }
        let stage = String(text[..<dot]), option = String(text[text.index(after: dot)..<equals])
        let descriptor: StageDescriptor, spec: OptionSpec
        switch StageOptionReader.stage(named: stage) {
        case .success(let found): descriptor = found
        case .failure(let problem): throw problem
        }
        switch StageOptionReader.option(named: option, of: descriptor) {
        case .success(let found): spec = found
        case .failure(let problem): throw problem
        }
        let node = Node.scalar(Node.Scalar(String(text[text.index(after: equals)...])))
        switch StageOptionReader.value(of: node, spec: spec, stage: stage) {
        case .success(let read): value = read
        case .failure(let problem): throw problem
        }
        self.stage = stage
        self.option = option
        self.text = text
    }
}

extension PipelineDeclaration {
    /// Sets the option on every stage of its name, over what the pipeline file
    /// gave; a stage the pipeline does not run is a problem, not added.
    public mutating func apply(_ setting: StageOptionSetting) throws(OptionProblem) {
        var found = false
        for index in stages.indices where stages[index].name == setting.stage {
            var values = stages[index].options.values
            values[setting.option] = setting.value
            stages[index].options = StageOptions(specs: stages[index].options.specs, values: values)
            found = true
        }
        guard found else {
            let running = stages.map(\.name)
            throw OptionProblem(
                message: "stage '\(setting.stage)' is not in the pipeline, which runs \(running.isEmpty ? "no stage" : quotedList(running))",
                notes: ["add it to a pipeline file (emend run --pipeline FILE), or name it with --stages"])
        }
    }
}
