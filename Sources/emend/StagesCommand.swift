import ArgumentParser
import Emend

/// `emend stages`: lists every stage with its summary and options.
struct StagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stages",
        abstract: "List the stages a pipeline can use, with their options.",
        discussion: """
            A pipeline file sets an option under its stage (`- whitespace: {leading: true}`); \
            `emend run --set whitespace.leading=true` sets it for one run.
            """
    )

    func run() {
        let width = StageRegistry.names.map(\.count).max() ?? 0
        for descriptor in StageRegistry.all {
            print(descriptor.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + descriptor.summary)
            for option in descriptor.options {
                print("    \(option.name): \(option.kind) (default: \(option.defaultValue)) - \(option.summary)")
            }
        }
    }
}
