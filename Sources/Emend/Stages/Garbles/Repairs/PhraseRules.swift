import Foundation

extension GarbleRepair {
    /// The `phrases` of `rules/garbles/*.yaml`: patterns matched on whole words
    /// ("to he shot" → "to be shot"), each reported under its entry's place, and
    /// searched under `phraseTimeLimit` (a pattern that backtracks without end
    /// stops the run with `StageError.ruleTooSlow`).
    /// Never touches: a line without an entry's `when` text, where it has one.
    struct PhraseRules: GarbleLineRepair {
        var names: [String] { [] }

        /// A phrase without `when` runs on every line; the others where the start of their `when` stands.
        func mayApply(to line: inout GarbleLine, in context: Context) -> Bool {
            context.rules.everyLineHasPhrases || line.mayHave(GarbleRules.phraseTriggerFeature)
        }

        func repair(_ line: inout GarbleLine, in context: Context, record: GarbleRecorder) throws {
            let text = line.text
            let phrases = context.rules.phrases.filter { phrase in phrase.trigger.map { GarbleRepair.find($0, in: text) != nil } ?? true }
            guard !phrases.isEmpty else { return }
            var string = String(decoding: text, as: UTF8.self)
            for phrase in phrases {
                for match in try Self.matches(of: phrase, in: string, line: line.number).reversed() {
                    guard let found = Range(match.range, in: string) else { continue }
                    let replaced = phrase.regex.replacementString(for: match, in: string, offset: 0, template: phrase.template)
                    record(phrase.rule, String(string[found]), replaced, string.utf8.distance(from: string.startIndex, to: found.lowerBound) + 1)
                    string.replaceSubrange(found, with: replaced)
                }
            }
            line.text = Array(string.utf8)
        }

        /// The matches of a phrase rule in one line, searched under `phraseTimeLimit` (`TimedRegexSearch`).
        static func matches(of phrase: GarbleRules.Phrase, in string: String, line: Int) throws -> [NSTextCheckingResult] {
            var found: [NSTextCheckingResult] = []
            let inTime = TimedRegexSearch.enumerateMatches(of: phrase.regex, in: string) { found.append($0); return true }
            if !inTime {
                throw StageError.ruleTooSlow(stage: GarbleRepair.descriptor.name, rule: phrase.rule, line: line, seconds: GarbleRepair.phraseTimeLimit)
            }
            return found
        }
    }
}
