import ArgumentParser
import Emend

#if canImport(Glibc)
import Glibc
#endif

/// `emend diff FILE`: what the pipeline would change, as a unified diff or an HTML report.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what a pipeline changes in a file: a unified diff, or an HTML report.",
        discussion: """
            Runs the pipeline over FILE without writing it and prints a unified diff of input \
            against output (coloured on a terminal, plain in a pipe). With --html, writes one \
            self-contained HTML page instead (it works offline): a table of stages and rules with \
            counts and each rule's text, then every change in input order, side by side with a few \
            words of context, placed at its input line:column (column in characters, as run \
            --report gives it); the page filters by stage and rule, hides changes of spacing only \
            and searches the changed text. The file is read whole into memory.
            """
    )

    @Argument(help: "The file to compare ('-' for standard input).")
    var file: String

    @OptionGroup var pipelineOptions: PipelineOptions

    @OptionGroup var encoding: EncodingOptions

    @Flag(help: "Write an HTML report instead of a unified diff.")
    var html = false

    @Option(name: [.short, .customLong("output")], help: "Write the diff or report to this file instead of standard output.")
    var output: String?

    @Option(help: "Lines of context around each change.")
    var context: Int = 3

    @Option(help: ArgumentHelp("Colour: auto (on a terminal, unless NO_COLOR is set to a non-empty value), always or never.", valueName: "when"))
    var color: ColourChoice = .auto

    @Option(help: ArgumentHelp("In the HTML report, show this many changes a page (every change is in the page).", valueName: "n"))
    var rowsPerPage: Int = 200

    /// The option's old name, from when the report showed this many changes of each rule.
    @Option(help: .hidden)
    var examples: Int?

    enum ColourChoice: String, ExpressibleByArgument, CaseIterable { case auto, always, never }

    /// True when NO_COLOR is set to a non-empty value (no-color.org: an empty one asks nothing).
    static var noColourAsked: Bool { getenv("NO_COLOR").map { $0.pointee != 0 } ?? false }

    func validate() throws {
        if context < 0 { throw ValidationError("--context must be 0 or more") }
        if (examples ?? rowsPerPage) < 1 { throw ValidationError("--rows-per-page must be at least 1") }
    }

    func run() throws {
        do {
            let (pipeline, sources) = try pipelineOptions.makePipeline()
            let input = try readWhole(file, encoding: encoding)
            let audited = try AuditedText(running: pipeline.surveyed(input), over: input)
            let name = file == "-" ? "<stdin>" : file
            let rendered: [UInt8]
            if html {
                rendered = Array(HTMLReport.render(audited, title: name, stageOrder: pipeline.stageNames,
                                                         stageSources: sources, rowsPerPage: examples ?? rowsPerPage).utf8)
            } else {
                let toTerminal = output == nil && isatty(1) == 1 && !Self.noColourAsked
                let colour = color == .always || (color == .auto && toTerminal)
                rendered = UnifiedDiff.render(audited, oldName: name, newName: "\(name) (emend)", context: context, colour: colour)
            }
            try writeWhole(rendered, to: output)
        } catch {
            throw reportFailure(error)
        }
    }
}
