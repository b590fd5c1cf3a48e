import ArgumentParser
import Emend

/// `emend check FILE...`: a proofreading worklist of what emend left for a human.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "List what a proofreader should still look at after cleaning, most frequent first.",
        discussion: """
            Runs the pipeline over each file (writing nothing) and lists: probable garbles left \
            alone because the fix was not certain, with what might be meant; words broken at a \
            line end left undecided; words in no lexicon that the text uses fewer than --min-count \
            times; words that look Russian but that no lexicon or word list confirms; and Russian \
            names spelled in two schemes in the same file; marks glued to a word that may be a \
            footnote reference OCR read as punctuation (`grammar.’` over footnote 2 of the same page). Each item is placed where it first stands in \
            the input, as `run --report` and `run --explain` place changes: 1-based line, and \
            1-based column counted in characters (Unicode scalars).
            """
    )

    @Argument(help: "The files to check ('-' for standard input).")
    var files: [String]

    @OptionGroup var pipelineOptions: PipelineOptions

    @OptionGroup var encoding: EncodingOptions


    @Flag(help: "Write JSON instead of a table.")
    var json = false

    @Option(help: ArgumentHelp("A word the text uses this often is its own vocabulary, not an unknown word.", valueName: "n"))
    var minCount = 3

    @Option(help: ArgumentHelp("Words counted by `emend learn` over other texts are known too.", valueName: "file"))
    var vocab: String?

    @Option(help: ArgumentHelp("The scheme mixed spellings are shown in.", valueName: "scheme"),
            completion: .list(TransliterationSchemes.names))
    var to = "loc"

    func validate() throws {
        if minCount < 1 { throw ValidationError("--min-count must be at least 1") }
        if !TransliterationSchemes.names.contains(to) {
            throw ValidationError("unknown scheme '\(to)'; expected one of \(TransliterationSchemes.names.joined(separator: ", "))")
        }
    }

    func run() throws {
        do {
            let (pipeline, _) = try pipelineOptions.makePipeline()
            let garbles = try GarbleRepair()
            let spellings = try RussianSpellings(target: to)
            var vocabulary = DocumentVocabulary()
            if let vocab { try vocabulary.load(path: vocab) }
            var reports: [(file: String, items: [Worklist.Item])] = []
            for file in files {
                let text = try readWhole(file, encoding: encoding)
                // One count of the document for the stages and the look-alikes the list names.
                var counting = MemorySource(text)
                let survey = try surveyDocument(&counting)
                var stage = pipeline
                stage.use(survey)
                var documentGarbles = garbles
                documentGarbles.use(survey)
                // A leading byte order mark is written before the first output line.
                let outputStart = text.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
                var worklist = Worklist(garbles: documentGarbles, spellings: spellings, vocabulary: vocabulary,
                                        minimumCount: minCount, outputStart: outputStart)
                worklist.addFootnoteSuspects(of: text)
                var source = MemorySource(text)
                var sink = MemorySink()
                // The audit reads each output place back into the input.
                var records: [AuditRecord] = []
                try runStream(&stage, from: &source, to: &sink, onChange: { worklist.add($0) },
                              onAudit: { records.append($0) }, onOutput: { worklist.add($0) })
                let audited = AuditedText(input: text, output: sink.bytes, records: records)
                reports.append((file == "-" ? "<stdin>" : file, try worklist.items(locatedIn: audited)))
            }
            try writeWhole(Array((json ? Self.json(reports) : Self.table(reports)).utf8), to: nil)
        } catch {
            throw reportFailure(error)
        }
    }

    static func table(_ reports: [(file: String, items: [Worklist.Item])]) -> String {
        var text = ""
        for report in reports {
            text += "\(report.file): \(report.items.count) to look at\n"
            text += "count  kind                 line:column  text\n"
            for item in report.items {
                text += String(item.count).rightAligned(5) + "  " + item.kind.rawValue.padding(toLength: 19, withPad: " ", startingAt: 0)
                    + "\(item.line):\(item.column)".rightAligned(13) + "  " + VisibleText.escaped(item.text)
                    + (item.note.isEmpty ? "" : "  → \(VisibleText.escaped(item.note))") + "\n"
            }
        }
        return text
    }

    static func json(_ reports: [(file: String, items: [Worklist.Item])]) -> String {
        "{\"files\":[" + reports.map { report in
            "{\"file\":\(JSON.quote(report.file)),\"items\":[" + report.items.map { item in
                "{\"kind\":\"\(item.kind.rawValue)\",\"text\":\(JSON.quote(item.text)),\"count\":\(item.count),"
                    + "\"line\":\(item.line),\"column\":\(item.column),\"note\":\(JSON.quote(item.note))}"
            }.joined(separator: ",\n") + "]}"
        }.joined(separator: ",\n") + "]}\n"
    }
}

/// A sink that keeps nothing (for commands that only read what the stages do).
struct DiscardingSink: ByteSink {
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws {}
}
