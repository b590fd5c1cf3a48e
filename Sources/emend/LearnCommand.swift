import ArgumentParser
import Emend

#if canImport(Glibc)
import Glibc
#endif

/// `emend learn`: builds a book's vocabulary beforehand, for the `vocab` option.
struct LearnCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Count a book's words, for the vocab option of dehyphenate and garbles.",
        discussion: """
            Reads the files through the normalize, page-structure and dehyphenate stages and writes each \
            word of four letters or more seen at least twice, with its count, one a line (word, tab, \
            count), most frequent first. Use it in a pipeline as {vocab: book.vocab} for dehyphenate and \
            garbles: a word the book uses anywhere then counts as known from its first page on.
            """
    )

    @Argument(help: "The book's files (default: standard input).")
    var files: [String] = []

    @Option(name: [.short, .customLong("output")], help: "Write the vocabulary here (default: standard output).")
    var output: String?

    @OptionGroup var encoding: EncodingOptions

    func run() throws {
        do {
            var sink = VocabularySink()
            let io = InputOutputOptions(files: files)
            for path in files.isEmpty ? ["-"] : files {
                let file = try io.openInput(path)
                defer { if file.descriptor > 2 { close(file.descriptor) } }
                var source = try encoding.decoding(file, strict: false)
                var pipeline = Pipeline(stages: [UnicodeNormalizer(), try PageStructure(), try Dehyphenator()])
                let name = path == "-" ? "<stdin>" : path
                do { try runStream(&pipeline, from: &source, to: &sink) } catch { throw EncodingOptions.reported(error, in: name) }
                EncodingOptions.warnAboutReplacements(in: source, name: name)
                sink.finish()
            }
            try writeWhole(Array(sink.vocabulary.rendered(minimum: 2).utf8), to: output)
        } catch {
            throw reportFailure(error)
        }
    }
}

/// Counts the words of the text written to it, line by line, without keeping the text.
struct VocabularySink: ByteSink {
    var vocabulary = DocumentVocabulary(limit: 5_000_000)
    private var carry: [UInt8] = []

    mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        var start = 0
        for index in 0..<bytes.count where bytes[index] == 0x0A {
            carry.append(contentsOf: bytes[start..<index])
            vocabulary.addWords(of: carry, skippingFirst: false)
            carry.removeAll(keepingCapacity: true)
            start = index + 1
        }
        carry.append(contentsOf: bytes[start...])
    }

    mutating func finish() {
        if !carry.isEmpty { vocabulary.addWords(of: carry, skippingFirst: false) }
        carry.removeAll()
    }
}
