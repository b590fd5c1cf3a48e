import ArgumentParser
import Emend

/// `emend translit`: converts text between Cyrillic and the schemes.
struct TranslitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translit",
        abstract: "Transliterate Russian between Cyrillic and the romanization schemes.",
        discussion: """
            Schemes: \(TransliterationSchemes.names.joined(separator: ", ")); 'cyrillic' names Cyrillic text \
            (emend schemes describes each). From Cyrillic every Cyrillic word is converted and nothing else. \
            From a Latin scheme the text is taken as English prose and only its Russian words change: \
            names the lexicon knows (rules/lexicon/names.txt and --lexicon), and Russian-looking words \
            that are not English and whose reading the Russian word list confirms (or, for a capitalised \
            word, the name list rules/lexicon/russian-names.txt, from OpenCorpora). --whole-text converts \
            every Latin word instead, for text that is all Russian. --report lists on standard error what \
            each distinct word became and why, the ones to review first.
            """
    )

    @Option(help: ArgumentHelp("The script or scheme of the input.", valueName: "scheme"),
            completion: .list(TransliterationSchemes.choices))
    var from: String = TransliterationScheme.cyrillicName

    @Option(help: ArgumentHelp("The script or scheme to write.", valueName: "scheme"),
            completion: .list(TransliterationSchemes.choices))
    var to: String

    @Flag(help: "The input is all Russian: convert every Latin word, not only the Russian words of English prose.")
    var wholeText = false

    @Flag(help: "List on standard error each distinct word converted, what it became and why.")
    var report = false

    @Option(help: ArgumentHelp("A headword lexicon added to the built-in one (acronyms, pinned forms).", valueName: "file"),
            completion: .file())
    var lexicon: String?

    @Option(help: ArgumentHelp("The Russian word list used to read lossy schemes.", valueName: "file"),
            completion: .file())
    var words: String?

    @Option(help: ArgumentHelp("The Russian name list that confirms capitalised words of prose.", valueName: "file"),
            completion: .file())
    var names: String?

    @Flag(inversion: .prefixedNo, help: "Write ё (and ë). With --no-yo, ё is read and written as е.")
    var yo = true

    @Flag(help: "Leave out the soft and hard signs in Latin output (Bel'skii becomes Belskii).")
    var dropSigns = false

    @Option(help: ArgumentHelp("A directory of rule files that override the built-in ones.", valueName: "dir"),
            completion: .directory)
    var rules: String?

    @OptionGroup var io: InputOutputOptions

    func validate() throws {
        let choices = TransliterationSchemes.choices
        for (flag, value) in [("--from", from), ("--to", to)] where !choices.contains(value) {
            let hint = closestMatch(to: value, in: choices).map { " (did you mean '\($0)'?)" } ?? ""
            throw ValidationError("unknown scheme '\(value)' for \(flag)\(hint); expected one of \(choices.joined(separator: ", "))")
        }

    }

    /// The note for text with no Cyrillic letter read with --from cyrillic.
    static var noCyrillicNote: String {
        "emend: note: the input has no Cyrillic letter, so --from cyrillic (the default) left it as it was; "
            + "to convert romanized text, name its scheme: --from \(TransliterationSchemes.names.joined(separator: "|")) (see emend schemes)"
    }

    func run() throws {
        do {
            guard let source = Script(rawValue: from), let target = Script(rawValue: to) else {
                throw ValidationError("unknown scheme; expected one of \(TransliterationSchemes.choices.joined(separator: ", "))")
            }
            let stage = try Transliterator(configuration: .init(
                from: source, to: target, lexicon: lexicon, wordList: words, nameList: names, keepsYo: yo, dropsSigns: dropSigns,
                rulesDirectory: rules, wholeText: wholeText))
            var tally = TranslitReport()
            // From Cyrillic, text with no Cyrillic letter goes through unchanged: said once, on standard error.
            let letters = LetterTally()
            let stages: [any TextStage] = from == TransliterationScheme.cyrillicName ? [LetterWatch(tally: letters), stage] : [stage]
            try io.run(Pipeline(stages: stages), onChange: report ? { change, _ in tally.add(change) } : nil)
            if report { printError(tally.rendered()) }
            if from == TransliterationScheme.cyrillicName, letters.sawLetter, !letters.sawCyrillicLetter, !letters.sawReplacement {
                printError(Self.noCyrillicNote)
            }
        } catch {
            throw reportFailure(error)
        }
    }
}

/// Counts what each distinct source word became, for `--report`: one row for
/// each outcome, so a word converted in one place and left in another (the
/// first piece of a word broken at a line's end) has a row for each, each
/// with its own count.
struct TranslitReport {
    private struct Outcome: Hashable {
        var word: String
        var became: String
        var reason: String
    }
    private var rows: [Outcome: Int] = [:]

    mutating func add(_ change: Change) {
        let reason = change.rule.split(separator: ":", maxSplits: 2).dropFirst(2).first.map(String.init) ?? change.rule
        rows[Outcome(word: change.before, became: change.after, reason: reason), default: 0] += 1
    }

    func rendered() -> String {
        let review = ["ambiguous", "unconfirmed", "world-name", "no-word-list"]  // listed first
        let sorted = rows.sorted { a, b in
            let aReview = review.contains { a.key.reason.hasPrefix($0) }, bReview = review.contains { b.key.reason.hasPrefix($0) }
            if aReview != bReview { return aReview }
            if a.value != b.value { return a.value > b.value }
            return (a.key.word, a.key.became, a.key.reason) < (b.key.word, b.key.became, b.key.reason)
        }
        var text = "count\tword\tbecame\twhy\n"
        for (outcome, count) in sorted { text += "\(count)\t\(outcome.word)\t\(outcome.became)\t\(outcome.reason)\n" }
        let words = Set(rows.keys.map(\.word)).count
        let flagged = Set(rows.keys.filter { outcome in review.contains { outcome.reason.hasPrefix($0) } }.map(\.word)).count
        text += "emend: \(words) distinct words converted, \(flagged) to review"
        return text
    }
}
