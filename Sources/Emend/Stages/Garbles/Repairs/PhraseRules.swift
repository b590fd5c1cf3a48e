import Foundation

extension GarbleRepair {
    /// The `phrases` of `rules/garbles/*.yaml`: patterns matched on whole words
    /// ("to he shot" → "to be shot"), each reported under its entry's place, and
    /// searched under `phraseTimeLimit` (a pattern that backtracks without end
    /// stops the run with `StageError.ruleTooSlow`).
    /// Never touches: a line without an entry's `when` text, where it has one.
    /// A pattern runs only on a line its sieve (`PhraseSieve`, what every match
    /// holds) lets through, as the line stands after the entries before it.
    struct PhraseRules: GarbleLineRepair {
        static var names: [String] { [] }

        /// A phrase without `when` or a sieve runs on every line; the others where the start of their trigger stands.
        static func mayApply(to line: inout GarbleLine, in context: Context) -> Bool {
            context.rules.everyLineHasPhrases || line.mayHave(GarbleRules.phraseTriggerFeature, in: context)
        }

        static func neededFeatures(in context: Context) -> UInt16? {
            context.rules.everyLineHasPhrases ? nil : GarbleRules.phraseTriggerFeature
        }

        static func repair(_ line: inout GarbleLine, in context: Context, record: GarbleRecorder) throws {
            var text = line.text
            // The line as a String, made once the first pattern may match it.
            var string: String?
            let phrases = context.rules.phrases
            for index in phrases.indices {
                // Asked of the phrase in place: a copy of each retained its every part, on every line.
                if phrases[index].when.map({ GarbleRepair.find($0, in: text) == nil }) ?? false { continue }
                if context.usesShortcuts, phrases[index].sieve?.mayMatch(text) == false { continue }
                let phrase = phrases[index]
                var current = string ?? String(decoding: text, as: UTF8.self)
                let matches = try Self.matches(of: phrase, in: current, line: line.number)
                for match in matches.reversed() {
                    guard let found = Range(match.range, in: current) else { continue }
                    let replaced = phrase.regex.replacementString(for: match, in: current, offset: 0, template: phrase.template)
                    record(phrase.rule, String(current[found]), replaced, current.utf8.distance(from: current.startIndex, to: found.lowerBound) + 1)
                    current.replaceSubrange(found, with: replaced)
                }
                if !matches.isEmpty { text = Array(current.utf8) }
                string = current
            }
            if string != nil { line.text = text }
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
