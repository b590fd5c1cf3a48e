import ArgumentParser
import Emend

/// `emend schemes`: lists the transliteration schemes.
struct SchemesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schemes",
        abstract: "List the transliteration schemes."
    )

    func run() {
        for scheme in TransliterationSchemes.all {
            print(scheme.name.padding(toLength: 12, withPad: " ", startingAt: 0) + scheme.summary)
        }
    }
}
