import Foundation

/// The order of the garbles stage's repairs, in one place: adding a repair is
/// one file of its own under `Repairs/` and one line in the list of its kind.
/// Each line goes through `lineRepairs` once, then through `roundRepairs` in
/// rounds until nothing changes (three at most: one repair can give another
/// the context it waits for, "VKP(b1" becomes "VKP(b)" and then "a n d"
/// beside it closes). `WordRepairs`, in the rounds, runs `tokenRepairs` on
/// each token (the first that gives a repair decides) and then `joinRepairs`
/// over the line's tokens. A repair runs only where its trigger fires.
extension GarbleRepair {
    /// Once per line, in this order.
    static let lineRepairs: [any GarbleLineRepair.Type] = [
        UnicodeDebris.self,  // garbles:ligature, garbles:invisible, garbles:no-break-space
        MixedScripts.self,  // garbles:mixed-script
        BracketBalance.self,  // garbles:bracket
        LiteralReplacements.self,  // the rule files' `replacements`
        PhraseRules.self,  // the rule files' `phrases`
        FootnoteReferences.self,  // garbles:footnote-reference
        BarForPronoun.self,  // garbles:bar-for-i
        CapitalIForSmall.self,  // garbles:capital-i
        SpeckPeriods.self,  // garbles:speck-period
        SpeckMarks.self,  // garbles:speck-mark
        SplitAcronyms.self,  // garbles:split-acronym
        LoneSpecks.self,  // garbles:lone-speck
    ]

    /// In rounds, in this order.
    static let roundRepairs: [any GarbleLineRepair.Type] = [
        WordRepairs.self,  // tokenRepairs, then joinRepairs
        SpaceBeforePunctuation.self,  // garbles:space-before-punctuation
    ]

    /// Each token's own repair: the first that gives one.
    static let tokenRepairs: [any GarbleTokenRepair] = [
        MisreadYears(),  // garbles:year
        CitationSpaces(),  // garbles:citation-space
        SpaceAfterPunctuation(),  // garbles:space-after-punctuation
        MisreadNumbers(),  // garbles:number
        RareWordConfusions(),  // the rule files' `learned-confusions`, of rare words
        InnerHyphens(),  // garbles:inner-hyphen
        CamelCaseWords(),  // garbles:run-together
        RunTogetherWords(capitalised: true),  // garbles:run-together ("Allof"), before confusions
        LetterConfusions(),  // the rule files' `confusions` and `learned-confusions`
        RunTogetherWords(capitalised: false),  // garbles:run-together
    ]

    /// Joins of tokens, after their own repairs, in this order.
    static let joinRepairs: [any GarbleJoinRepair] = [
        SplitYears(),  // garbles:split-year
        SplitNumbers(),  // garbles:split-number
        SpacedHyphens(),  // garbles:spaced-hyphen
        LetterSpacedWords(),  // garbles:letter-spaced
        LetterSpacedPhrases(),  // garbles:letter-spaced-phrase
        StraySpaces(),  // garbles:stray-space
        FragmentedWords(),  // garbles:stray-space
        SpuriousSpaces(),  // garbles:stray-space
    ]
}
