import Foundation

extension GarbleRepair {
    /// A word broken by a hyphen inside a line, as text extracted from a
    /// typeset page keeps it ("num-ber" → "number", "seman-tics" → "semantics"):
    /// joined when the joined word is in the English list (or the document uses
    /// it twice) and the document writes it elsewhere at least as often as the
    /// hyphenated form.
    /// Never touches: a capital on either side ("Il-lustrations" in a
    /// catalogue), two common words ("re-election"), a compound prefix
    /// (`dehyphenate/compounds.yaml`: "pro-cess", "non-party"), more than one hyphen.
    struct InnerHyphens: GarbleTokenRepair {
        var names: [String] { ["garbles:inner-hyphen"] }
        var leavesKnownWords: Bool { true }

        func mayApply(to token: GarbleToken, in context: Context) -> Bool {
            token.isPlainWord && token.core.contains(UInt8(ascii: "-"))
        }

        func repair(_ token: GarbleToken, in context: Context) -> GarbleToken.Repair? {
            let core = token.core, own = token.own
            guard let hyphen = core.firstIndex(of: UInt8(ascii: "-")), hyphen >= 2, core.count - hyphen > 2,
                  core.filter({ $0 == UInt8(ascii: "-") }).count == 1,
                  core.allSatisfy({ GarbleRepair.isLower($0) || GarbleRepair.isUpper($0) || $0 == UInt8(ascii: "-") }) else { return nil }
            let left = core[..<hyphen], right = core[(hyphen + 1)...]
            guard left.allSatisfy(GarbleRepair.isLower), right.allSatisfy(GarbleRepair.isLower),
                  !context.compoundPrefixes.contains(String(decoding: DocumentVocabulary.lowercased(left), as: UTF8.self)),
                  !(context.isCommon(left) && context.isCommon(right)) else { return nil }
            let joined = Array(left) + Array(right)
            let joinedUses = context.survey.count(of: joined[...])
            // The document must write the joined word elsewhere: a hyphen may be the
            // printed line break a transcription keeps ("de-parted" on one line).
            guard joinedUses >= max(1, own), context.english.contains(joined[...]) || joinedUses >= 2 else { return nil }
            return (token.wrap(joined), "garbles:inner-hyphen")
        }
    }
}
