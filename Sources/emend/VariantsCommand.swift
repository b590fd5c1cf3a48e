import ArgumentParser
import Emend

/// `emend variants FILES... --to loc`: the spellings one Russian name takes across editions.
struct VariantsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "variants",
        abstract: "List the Russian names spelled more than one way across files, and what each spelling becomes in a scheme.",
        discussion: """
            Reads each file's Russian words back into Cyrillic (the name lexicon, or a reading the \
            Russian word list confirms) and groups the spellings that share a reading: \
            Tukhachevsky 25 / Tukhachevskii 22 in one book, Yezhov in one edition and Ezhov in \
            another. For each spelling it gives the count in every file and what `emend translit \
            --from SCHEME --to TARGET` makes of it. Nothing is changed.
            """
    )

    @Argument(help: "The files to compare (editions of one book, or the volumes of one).")
    var files: [String]

    @Option(help: ArgumentHelp("The scheme to show each spelling in.", valueName: "scheme"),
            completion: .list(TransliterationSchemes.names))
    var to = "loc"

    @Option(help: ArgumentHelp("The schemes the files may use, tried in this order, comma-separated.", valueName: "a,b"),
            completion: .list(TransliterationSchemes.names))
    var schemes = "popular,loc,scholarly"

    @OptionGroup var encoding: EncodingOptions

    @Flag(help: "Write JSON instead of a table.")
    var json = false

    @Flag(help: "List every Russian word, also those spelled one way only.")
    var all = false

    func validate() throws {
        let choices = TransliterationSchemes.names
        for scheme in [to] + schemeList where !choices.contains(scheme) {
            let hint = closestMatch(to: scheme, in: choices).map { " (did you mean '\($0)'?)" } ?? ""
            throw ValidationError("unknown scheme '\(scheme)'\(hint); expected one of \(choices.joined(separator: ", "))")
        }
    }

    private var schemeList: [String] { schemes.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }

    func run() throws {
        do {
            var variants = SpellingVariants(reader: try RussianSpellings(schemes: schemeList, target: to))
            for file in files { try variants.add(file: file == "-" ? "<stdin>" : file, text: try readWhole(file, encoding: encoding)) }
            let groups = variants.variants(minimumSpellings: all ? 1 : 2)
            let text = json ? Self.json(groups, files: variants.files, target: to) : Self.table(groups, files: variants.files, target: to, all: all)
            try writeWhole(Array(text.utf8), to: nil)
        } catch {
            throw reportFailure(error)
        }
    }

    static func table(_ groups: [SpellingVariants.Group], files: [String], target: String, all: Bool = false) -> String {
        var text = ""
        for (index, file) in files.enumerated() { text += "[\(index + 1)] \(file)\n" }
        let width = max(12, groups.flatMap(\.spellings).map(\.text.count).max() ?? 0) + 2
        let header = "spelling".padding(toLength: width, withPad: " ", startingAt: 0)
            + files.indices.map { "  [\($0 + 1)]".rightAligned(6) }.joined() + "  \(target)"
        text += "\n" + header + "\n"
        for group in groups {
            text += "\(group.cyrillic)\n"
            for spelling in group.spellings {
                text += "  " + spelling.text.padding(toLength: width - 2, withPad: " ", startingAt: 0)
                    + spelling.counts.map { String($0).rightAligned(6) }.joined() + "  → \(spelling.becomes)\n"
            }
        }
        let names = groups.count, several = groups.count { $0.spellings.count > 1 }
        text += all ? "\n\(names) Russian \(names == 1 ? "word" : "words"), \(several) spelled more than one way\n"
            : "\n\(names) \(names == 1 ? "word" : "words") spelled more than one way\n"
        return text
    }

    static func json(_ groups: [SpellingVariants.Group], files: [String], target: String) -> String {
        var text = "{\"files\":[\(files.map(JSON.quote).joined(separator: ","))],\"target\":\(JSON.quote(target)),\"words\":["
        text += groups.map { group in
            "{\"cyrillic\":\(JSON.quote(group.cyrillic)),\"total\":\(group.total),\"spellings\":["
                + group.spellings.map { spelling in
                    "{\"spelling\":\(JSON.quote(spelling.text)),\"scheme\":\(JSON.quote(spelling.scheme)),"
                        + "\"counts\":[\(spelling.counts.map(String.init).joined(separator: ","))],\"becomes\":\(JSON.quote(spelling.becomes))}"
                }.joined(separator: ",") + "]}"
        }.joined(separator: ",\n")
        return text + "]}\n"
    }
}

extension String {
    /// The text right-aligned in `width` columns.
    func rightAligned(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
