import Foundation
import Yams

/// Converts the Russian words inside English prose from one scheme to
/// another, and nothing else.
///
/// A word is converted when the name lexicon knows it (any scheme's spelling
/// of a headword, or a pinned English form such as Trotsky), or when it looks
/// Russian in the source scheme (`rules/translit/russian-looking.yaml`), is
/// not an English word, has four letters or more (five in lower case), and
/// its reading back into Cyrillic is confirmed by the Russian word list, or,
/// for a capitalised word, by the name list (`russian-names.txt`: every form of
/// the surnames, first names, patronymics and places OpenCorpora knows; a
/// lower-case word is never read as a name). Several confirmed readings convert
/// only when the evidence settles them (see `settle`); otherwise the word stays
/// and is reported with its readings. Every other word is left as it is;
/// Russian-looking ones are reported for review. Possessives (Yezhov's, YEZHOV'S, Yezhov’s, the
/// Yezhovs'), plurals of the lexicon's names (the Yezhovs), the parts of
/// hyphenated names and the initials before a name (Yu. V. Andropov) are
/// converted too; a possessive's apostrophe is never deleted.
/// Each distinct word is decided once; the lexicon is a table built at start.
package final class ProseConverter {
    public enum Reason: String, Sendable {
        /// A headword of the name lexicon, spelled the target scheme's way.
        case lexicon
        /// A headword whose conventional English form is pinned (Trotsky, Politburo).
        case pinned
        /// Not in the lexicon: read back into Cyrillic and confirmed by the Russian word list.
        case confirmed
        /// An initial before a converted name.
        case initial
        /// Capitalised, read by the scheme's own conventions, and confirmed as a
        /// name by a productive ending of `rules/translit/name-suffixes.txt`
        /// (Frinovsky → Frinovskii) where no list knows it.
        case nameSuffix = "name-suffix"
        /// Capitalised and not converted by itself (an English proper noun:
        /// Sergei, Olga), read as the Russian first name the name list has
        /// because a Russian surname or patronymic follows it (see `firstName`).
        case firstName = "first-name"
        /// Capitalised, looks Russian, no list confirms a reading, and of its
        /// readings the name-spelling model (`NameSpellingModel`) scores one
        /// clearly above every reading with another target spelling (Bordiugov:
        /// Бордюгов, not Бордиугов; see `modelResult`).
        case nameModel = "name-model"
        /// Capitalised, looks Russian in a scheme prose mixes, no list settles
        /// it, and the document itself writes one of its readings in another
        /// scheme's spelling (Mikoyan beside Mikoian; see `nameTheDocumentWrites`).
        case documentSpelling = "document"
        /// Capitalised, left by the rules above, and the name of cities that
        /// all lie in the former USSR by the gazetteer (`lexicon/places.tsv`),
        /// read as one of them (Syzran, Tashkent; see `placeOfFormerUSSR`).
        case place
        /// Capitalised, no other list or rule confirms it, spelled as the
        /// world's names are not, and the surname and first-name list
        /// (`lexicon/russian-surnames.txt`, natasha) has its reading as read,
        /// never with a sign the source did not write (Sagoian: Сагоян;
        /// Chubar stays; see `nameTheSurnameListHas`).
        case surnameList = "surname-list"
        /// Capitalised, looks Russian, no list confirms a reading, and Russian
        /// text (the word frequencies, `lexicon/russian-frequencies.txt`,
        /// wordfreq) uses one of its readings ten times as often as any other
        /// with another target spelling (Chuev: Чуев; Unshlikht: Уншлихт; see
        /// `nameRussianTextUses`).
        case attested
        /// An acronym spelled in the source scheme's letters with a two-letter
        /// spelling of one Russian letter in capital and small (VTsSPS, AKhU,
        /// KhOZU: ВЦСПС, АХУ, ХОЗУ), that no list has: read letter by letter,
        /// as every letter of it is a capital of the scheme (see `schemeAcronym`).
        case acronym
        /// Capitalised, a surname or first name of the English-speaking world
        /// (`lexicon/world-names.txt`: Falk, Gershman, Yagoda), spelled as English
        /// names may be, and read as a Russian name by a rule that is not the
        /// hand lexicon: left as it is, its reading listed (see `heldAsWorldName`).
        case worldName = "world-name"
        /// Looks Russian, but no reading was confirmed: left as it is.
        case unconfirmed
        /// Looks Russian and several readings are confirmed that the evidence
        /// does not settle (see `settle`): left as it is, its readings listed.
        case ambiguous
        /// An English word, or a word that does not look Russian: left as it is.
        case notRussian = "not-russian"

        var converts: Bool {
            self == .lexicon || self == .pinned || self == .confirmed || self == .initial || self == .nameSuffix || self == .firstName || self == .nameModel
                || self == .documentSpelling || self == .place || self == .surnameList || self == .acronym || self == .attested
        }
        /// Left as it is but looks Russian: for review.
        var needsReview: Bool { self == .unconfirmed || self == .ambiguous || self == .worldName }
    }

    public struct Result: Sendable {
        public var output: [UInt8]
        public var reason: Reason
        /// The Cyrillic readings of an ambiguous word, for review; empty otherwise.
        public var readings: [String] = []
        /// The Cyrillic reading a word read back converted by (confirmed or by its ending); nil otherwise.
        public var reading: String? = nil

        /// The rule name a change records: the reason, and an ambiguous word's readings.
        public var ruleName: String {
            readings.isEmpty ? reason.rawValue : reason.rawValue + ": " + readings.joined(separator: "|")
        }
    }

    public let source: String
    public let target: String
    private let english: EnglishWordList
    /// The source scheme's readers, writer back into it and patterns.
    private let side: SourceSide
    private var reader: WordConverter { side.reader }
    /// The reader of capitalised words: the word list or the name list confirms.
    private var nameReader: WordConverter { side.nameReader }
    private var initialReader: WordConverter { side.initialReader }
    private let romanizer: WordConverter
    /// Cyrillic → the source scheme: a reading written back must give the word again.
    private var sourceWriter: WordConverter { side.sourceWriter }
    /// The endings that confirm a capitalised word's reading as a name (`name-suffixes.txt`).
    private let nameSuffixes: [String]
    /// The name list, for the classes of a capitalised word's readings.
    private let names: RussianWordList?
    private let library: RuleLibrary
    /// The readers and writers of the other schemes prose mixes (see `mixedSchemes`), made on first need.
    private var otherSchemes: [MixedScheme]?
    /// For each scheme of `mixedSchemes`, whether an English proper noun may be a Russian
    /// first name in its spelling (its patterns and its `english-first-names`), made on first need.
    private var firstNameSpellings: [(schemes: [NSRegularExpression], firstNames: [NSRegularExpression])]?
    /// The Russian word list, for telling apart two readings the name list both has.
    private let wordList: RussianWordList?
    private var patterns: [NSRegularExpression] { side.patterns }
    /// The spellings under which a proper noun of the English word list may be a Russian name (`nameEnglishAlsoKnows`).
    private var englishNamePatterns: [NSRegularExpression] { side.englishNamePatterns }
    /// The spellings under which a proper noun of the English word list may be a Russian first name (`firstName`).
    private var englishFirstNamePatterns: [NSRegularExpression] { side.englishFirstNamePatterns }
    /// The spellings besides `englishNamePatterns` under which the name-spelling model may decide (`modelResult`).
    private var modelNamePatterns: [NSRegularExpression] { side.modelNamePatterns }
    /// The spellings under which the surname list may confirm a reading as read (`nameTheSurnameListHas`).
    private var surnameListPatterns: [NSRegularExpression] { side.surnameListPatterns }
    /// `russian-looking.yaml`'s `names-only`: shapes that flag a capitalised
    /// word as a possible name, never as a common word (popular -ey, loc -ei).
    private var namesOnlyPatterns: [NSRegularExpression] { side.namesOnlyPatterns }
    /// Every known spelling → the target spelling of its headword, and whether it is pinned.
    private var spellings: [String: (target: String, pinned: Bool)] = [:]
    /// The spellings of `spellings` that only Slavic-Latin schemes other than
    /// the source write (`slavicLatinLetters`: `scholarly` Sergej, Krivec),
    /// each with those schemes' letters outside ASCII: read only as `mayRead` reads.
    private var spellingsNeedingLetters: [String: Set<Unicode.Scalar>] = [:]
    /// Every scheme's spelling of an acronym that no English text has → its target spelling.
    private var acronyms: [String: String] = [:]
    private var cache = ByteStringTable<Result>()
    /// The first names read so far (`firstName`), nil for a word that is none.
    private var firstNames: [String: Result?] = [:]
    /// The name-spelling model, learned from the name list on first need (`modelReading`).
    private var spellingModel: NameSpellingModel?
    /// How many forms of the name list end so (see `settledByEnding`), each ending counted once.
    private var endingCounts: [String: Int] = [:]
    /// The whole document's own word counts, when the run surveyed it (`useDocument`).
    private var document: DocumentSurvey?
    /// The gazetteer of the former USSR's cities, loaded on first need (`placeOfFormerUSSR`).
    private var gazetteer: PlaceGazetteer?
    /// The surname and first-name list (natasha), loaded on first need (`nameTheSurnameListHas`).
    private var surnames: RussianWordList?
    /// The English-speaking world's surnames and first names (the 1990 United
    /// States census), loaded on first need (`isWorldName`).
    private var worldNames: RussianWordList?
    /// Russian and English word frequencies (wordfreq), loaded on first need (`nameRussianTextUses`).
    private var frequencies: (russian: RussianWordList, english: RussianWordList)?
    /// The headwords the readers were made with (for `otherSources`).
    private let headwords: HeadwordLexicon
    /// Converters to the same target from the other schemes of
    /// `mixedSchemes` (`decidedAsAnotherSchemeReads`), made on first need.
    private var otherSources: [ProseConverter]?
    /// True in one of those: it decides as a text in its scheme would, and asks no other.
    private let isOtherSource: Bool

    public init(from source: String, to target: String, library: RuleLibrary, headwords: HeadwordLexicon,
                wordList: RussianWordList?, names: RussianWordList?, english: EnglishWordList = .builtIn,
                keepsYo: Bool = true, dropsSigns: Bool = false, surnames: RussianWordList? = nil) throws {
        self.source = source
        self.surnames = surnames
        self.headwords = headwords
        isOtherSource = false
        self.target = target
        self.english = english
        self.names = names
        self.wordList = wordList
        self.library = library
        side = try SourceSide(source, library: library, headwords: headwords, wordList: wordList, names: names)
        romanizer = try WordConverter(from: "cyrillic", to: target, library: library, headwords: headwords, wordList: nil,
                                      keepsYo: keepsYo, dropsSigns: dropsSigns)
        nameSuffixes = try Self.loadNameSuffixes(library: library)
        try buildSpellings(headwords: headwords, library: library)
    }

    /// The table of every scheme's spelling of every headword (ICU once per
    /// headword and scheme, at start), so words are looked up, not transliterated.
    ///
    /// A pinned form (Trotsky, Moscow) is written where the source has a
    /// conventional form of the headword (a pin, of any scheme) or the target
    /// is `popular`, whose spellings are the English press's; a spelling of a
    /// scheme goes to the target scheme's spelling (a citation's "Moskva:"
    /// stays Moskva in `scholarly`, never Moscow). Into Cyrillic no pin applies.
    private func buildSpellings(headwords: HeadwordLexicon, library: RuleLibrary) throws {
        let entries = headwords.entries.values.filter { !$0.isAcronym }.sorted { $0.headword < $1.headword }
        let pinsApply = target != TransliterationScheme.cyrillicName
        var schemeTargets: [String] = [], pins: [String?] = []
        for entry in entries {
            schemeTargets.append(String(decoding: try romanizer.convert(entry.headword).output, as: UTF8.self))
            pins.append(pinsApply ? entry.pinned[target] ?? entry.pinned["all"] : nil)
        }
        let pinsSchemeSpellings = target == "popular"
        // A spelling that only Slavic-Latin schemes other than the source write is read only where their letters are.
        var readAnywhere = Set<String>(), needsLetters: [String: Set<Unicode.Scalar>] = [:]
        for scheme in TransliterationSchemes.names {
            let converter = try WordConverter(from: "cyrillic", to: scheme, library: library, headwords: HeadwordLexicon(), wordList: nil)
            let plain = try WordConverter(from: "cyrillic", to: scheme, library: library, headwords: HeadwordLexicon(), wordList: nil,
                                          keepsYo: false, dropsSigns: true)
            let evidence = scheme == source ? nil : try Self.slavicLatinLetters(writer: converter)
            for (index, entry) in entries.enumerated() {
                let value = pinsSchemeSpellings && pins[index] != nil ? (pins[index]!, true) : (schemeTargets[index], false)
                for spelling in [try converter.convert(entry.headword).output, try plain.convert(entry.headword).output] {
                    let key = String(decoding: spelling, as: UTF8.self)
                    if spellings[key] == nil { spellings[key] = value }
                    if let evidence {
                        if !readAnywhere.contains(key) { needsLetters[key, default: []].formUnion(evidence) }
                    } else {
                        readAnywhere.insert(key)
                        needsLetters[key] = nil
                    }
                }
            }
        }
        // A conventional form in the source is written as the target's pin (kolkhoz,
        // also loc's spelling, stays kolkhoz in scholarly); with no pin for the
        // target (Prokofiev is pinned for popular only), as the target's spelling.
        var conventional = Set<String>()
        for (index, entry) in entries.enumerated() {
            for pin in entry.pinned.values where !conventional.contains(pin) {
                conventional.insert(pin)
                spellings[pin] = pins[index].map { ($0, true) } ?? (schemeTargets[index], false)
                needsLetters[pin] = nil
            }
        }
        spellingsNeedingLetters = needsLetters
        try buildAcronyms(headwords: headwords, library: library)
    }

    /// The acronyms' spellings (TsK, VChK, ČK → the target's CK, VČK), matched as
    /// written. Only spellings no English text has: with a small letter or a
    /// letter outside ASCII; an ASCII all-caps one (CK, CSU) may be English.
    /// An acronym goes to the target scheme's letters, never to a pinned word
    /// (ChK stays an acronym; Cheka is written by the author, not by emend).
    private func buildAcronyms(headwords: HeadwordLexicon, library: RuleLibrary) throws {
        let entries = headwords.entries.values.filter(\.isAcronym).sorted { $0.headword < $1.headword }
        let targets = try entries.map { String(decoding: try romanizer.convert($0.headword).output, as: UTF8.self) }
        for scheme in TransliterationSchemes.names {
            let converter = try WordConverter(from: "cyrillic", to: scheme, library: library, headwords: headwords, wordList: nil)
            for (entry, targetSpelling) in zip(entries, targets) {
                let spelling = String(decoding: try converter.convert(entry.headword).output, as: UTF8.self)
                guard spelling.unicodeScalars.contains(where: { !$0.isASCII || $0.properties.isLowercase }) else { continue }
                if acronyms[spelling] == nil { acronyms[spelling] = targetSpelling }
            }
        }
    }

    /// The endings of `translit/name-suffixes.txt`: one Cyrillic ending a line, `#` comments.
    static func loadNameSuffixes(library: RuleLibrary) throws -> [String] {
        let path = "translit/name-suffixes.txt"
        let file = library.displayName(of: path)
        guard let text = try library.text(of: path) else { return [] }
        var suffixes: [String] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let suffix = line.trimmingCharacters(in: .whitespaces)
            guard !suffix.isEmpty else { continue }
            guard suffix.unicodeScalars.allSatisfy({ (0x0430...0x045F).contains($0.value) }) else {
                throw RuleFileError(file: file, location: SourceLocation(file: file, line: index + 1, column: 1),
                                    message: "an ending must be a lower-case Cyrillic word, found '\(suffix)'", sourceLine: String(rawLine))
            }
            suffixes.append(suffix)
        }
        return suffixes
    }

    /// The patterns of `russian-looking.yaml` for a scheme: its `section`'s
    /// `all` and scheme lists (`schemes`: what looks Russian; `english-names`:
    /// what makes a proper noun of the English word list a Russian name); the
    /// scheme's list alone when `withShared` is false.
    static func loadPatterns(library: RuleLibrary, scheme: String, section: String = "schemes",
                             withShared: Bool = true) throws -> [NSRegularExpression] {
        try loadLazyPatterns(library: library, scheme: scheme, section: section, withShared: withShared).map(\.regex)
    }

    /// The same patterns, each compiled on its first use when the file is the
    /// built-in one (tests compile all of them); any other file's are checked
    /// and compiled here, with the same errors `loadPatterns` gives.
    static func loadLazyPatterns(library: RuleLibrary, scheme: String, section: String = "schemes",
                                 withShared: Bool = true) throws -> [LazyRegex] {
        let path = "translit/russian-looking.yaml"
        let file = library.displayName(of: path)
        guard let text = try library.text(of: path) else { return [] }
        let root: Node?
        do { root = try RuleYAML.compose(text) } catch { throw RuleFileError(file: file, message: "not valid YAML: \(error)") }
        guard let schemes = root?.mapping?[section]?.mapping else {
            if section != "schemes", root?.mapping?["schemes"] != nil { return [] }
            throw RuleFileError(file: file, message: "expected a '\(section):' mapping")
        }
        let known = LazyRegex.isBuiltIn(text, path: path)
        var patterns: [LazyRegex] = []
        for key in withShared ? ["all", scheme] : [scheme] {
            for item in schemes[key]?.sequence ?? [] {
                let pattern = item.string ?? ""
                if known {
                    patterns.append(LazyRegex(known: pattern, options: [.caseInsensitive]))
                    continue
                }
                let location = item.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) }
                if let problem = RegexSafety.problem(in: pattern) {
                    throw RuleFileError(file: file, location: location, message: "pattern refused: \(problem)")
                }
                do {
                    patterns.append(LazyRegex(compiled: try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])))
                } catch {
                    throw RuleFileError(file: file, location: location, message: "pattern does not compile: \(pattern)")
                }
            }
        }
        return patterns
    }

    /// Converts one word of the prose. A possessive ('s, 'S, and the s' of a
    /// plural) and the plural -s of a name go with the name and are kept as
    /// they came: the possessive's apostrophe is never deleted. The typographic
    /// apostrophe (’) reads as the ASCII one does, and is written back as it came.
    public func convert(_ word: ArraySlice<UInt8>) throws -> Result {
        if let entry = cache.index(of: word) { return cache[entry: entry] }
        let result = try convertWord(Array(word))
        if cache.count >= WordConverter.cacheLimit { cache.removeAll() }
        cache.set(result, for: word)
        return result
    }

    private static let apostrophe = UInt8(ascii: "'")
    private static let curlyApostrophe: [UInt8] = [0xE2, 0x80, 0x99]

    /// The word with each typographic apostrophe (’) made ASCII; nil when it has none.
    static func straightened(_ word: ArraySlice<UInt8>) -> [UInt8]? {
        guard word.contains(0xE2) else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(word.count)
        var index = word.startIndex
        var found = false
        while index < word.endIndex {
            if word[index...].starts(with: curlyApostrophe) {
                result.append(apostrophe)
                index += 3
                found = true
            } else {
                result.append(word[index])
                index += 1
            }
        }
        return found ? result : nil
    }

    /// The output of a word that came with typographic apostrophes: its ASCII ones curled.
    static func curled(_ output: [UInt8]) -> [UInt8] {
        guard output.contains(apostrophe) else { return output }
        return output.flatMap { $0 == apostrophe ? curlyApostrophe : [$0] }
    }

    /// The possessive ending of a word ('s, 'S, ’s; or the apostrophe of a plural's s', s’),
    /// and whether it is a plural's; nil when it has none.
    private static func possessiveEnding(of word: [UInt8]) -> (length: Int, plural: Bool)? {
        let count = word.count
        guard count > 2 else { return nil }
        let last = word[count - 1]
        if last | 0x20 == UInt8(ascii: "s") {
            if word[count - 2] == apostrophe { return (2, false) }
            if count > 4, word[(count - 4)...].starts(with: curlyApostrophe) { return (4, false) }
        } else if last == apostrophe, word[count - 2] | 0x20 == UInt8(ascii: "s") {
            return (1, true)
        } else if count > 4, word[(count - 3)...].elementsEqual(curlyApostrophe), word[count - 4] | 0x20 == UInt8(ascii: "s") {
            return (3, true)
        }
        return nil
    }

    private func convertWord(_ word: [UInt8]) throws -> Result {
        if let (length, plural) = Self.possessiveEnding(of: word) {
            let stem = word[..<(word.count - length)], ending = word[(word.count - length)...]
            if plural {
                // A plural's possessive (Yezhovs', the peasants'), unless the lexicon knows the
                // word with its apostrophe as a soft sign.
                if let known = try convertKeepingApostrophes(word[...], lexiconOnly: true) { return known }
            }
            // The lexicon first: English knows many names (Khrushchev's, KHRUSHCHEV'S).
            let converted = try convertKeepingApostrophes(stem)!
            if converted.reason.converts {
                // A soft sign's apostrophe and the possessive's share one mark: Tivel' + 's = Tivel's.
                let sign = converted.output.last == Self.apostrophe ? 1 : converted.output.suffix(3).elementsEqual(Self.curlyApostrophe) ? 3 : 0
                let shared = plural || sign == 0 ? ending : ending.dropFirst(ending.first == Self.apostrophe ? 1 : 3)
                return Result(output: converted.output + shared, reason: converted.reason)
            }
            if english.contains(stem) { return Result(output: word, reason: .notRussian) }  // People's, peasants'
        }
        return try convertKeepingApostrophes(word[...])!
    }

    /// Converts a word whose typographic apostrophes read as ASCII ones and are
    /// written back curled; with `lexiconOnly`, nil unless the lexicon knows it.
    private func convertKeepingApostrophes(_ word: ArraySlice<UInt8>, lexiconOnly: Bool = false) throws -> Result? {
        let straight = Self.straightened(word)
        let text = String(decoding: straight ?? Array(word), as: UTF8.self)
        guard var result = lexiconOnly ? lexiconResult(text) : try convertStem(text) else { return nil }
        if straight != nil, result.reason.converts { result.output = Self.curled(result.output) }
        if !result.reason.converts { result.output = Array(word) }
        return result
    }

    /// The lexicon's spelling of a word in the target scheme, in the word's case; nil when it knows none.
    private func lexiconResult(_ word: String) -> Result? {
        if let acronym = acronyms[word] { return Result(output: Array(acronym.utf8), reason: .lexicon) }
        let shape = CaseShape(of: word)
        // Lexicon spellings are stored as the scheme writes them (Title or lower case).
        var keys = [word]
        if shape == .upper || shape == .lower { keys.append(CaseShape.title.apply(to: word.lowercased())) }
        if shape == .upper || shape == .title { keys.append(word.lowercased()) }  // a term starting a sentence
        // Editions mix systems: "Bel'sky" is popular with a sign; try it without.
        let unsigned = String(String.UnicodeScalarView(word.unicodeScalars.filter { !WordConverter.signs.contains($0) }))
        if unsigned != word { keys.append(unsigned) }
        for key in keys {
            if let letters = spellingsNeedingLetters[key], !mayReadWithLetters(word, letters) { continue }
            if let known = spellings[key] {
                let output = shape == .upper ? known.target.uppercased() : shape == .lower ? known.target.lowercased()
                    : shape == .title ? CaseShape.title.apply(to: known.target) : known.target
                return Result(output: Array(output.utf8), reason: known.pinned ? .pinned : .lexicon)
            }
        }
        return nil
    }

    /// Decides a word by the lists and the rules, then, for a capitalised word
    /// they leave, by the document's own spellings (`nameTheDocumentWrites`);
    /// a word in capitals they leave is decided as its title-case form
    /// (`decidedAsTitleCase`).
    private func convertStem(_ word: String) throws -> Result {
        var result = try convertByListsAndDocument(word)
        if !result.reason.converts, let marked = try nameWithMarkedSigns(word) { result = marked }
        guard !result.reason.converts, let titled = try decidedAsTitleCase(word, by: convertByListsAndDocument) else { return result }
        return titled
    }

    private func convertByListsAndDocument(_ word: String) throws -> Result {
        let result = try convertByListsAndDocumentAlone(word)
        return try heldAsWorldName(word, result) ?? result
    }

    /// A capitalised word that a rule other than the hand lexicon converts,
    /// kept as it is and listed with its reading when it is a name the
    /// English-speaking world bears (`isWorldName`: the 1990 United States
    /// census's surnames and first names) and is spelled as English names may
    /// be (no pattern of `english-names` or `surname-list`: kh, zh, -ov, -sky,
    /// -ian, -chuk): Falk, Gershman, Cordova stay, read in a `loc` text as
    /// Фальк, Гершман, Цордова, and so does Yagoda where the hand lexicon
    /// lacks it; Dubovsky, Ivanov, Romanchuk, Karapetian convert as before.
    /// A reading the name-spelling model alone gives (`nameModel`: no list
    /// has it, no ending confirms it) is held whatever the spelling: the
    /// census's Zhang and Burkhard stay, which zh and kh would let through.
    /// nil when the word is not held. The English list's proper nouns have
    /// their own guard (`nameEnglishAlsoKnows`).
    private func heldAsWorldName(_ word: String, _ result: Result) throws -> Result? {
        // A converter deciding for another (`isOtherSource`) hands its reading back: the one asking holds it.
        guard !isOtherSource, result.reason.converts, result.reason != .lexicon, result.reason != .pinned,
              Self.startsWithCapital(word), !english.contains(word),
              result.reason == .nameModel || (!Self.matches(englishNamePatterns, word) && !Self.matches(surnameListPatterns, word)),
              try isWorldName(word) else { return nil }
        return Result(output: Array(word.utf8), reason: .worldName, readings: result.reading.map { [$0] } ?? [])
    }

    /// True when the word's first byte is an ASCII capital (checked on the byte: most words are small letters).
    private static func startsWithCapital(_ word: String) -> Bool {
        guard let first = word.utf8.first else { return false }
        return first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z")
    }

    private func convertByListsAndDocumentAlone(_ word: String) throws -> Result {
        let result = try convertByLists(word)
        // A capital first, and a word the lists left.
        guard Self.startsWithCapital(word),
              result.reason == .unconfirmed || result.reason == .ambiguous || result.reason == .notRussian else { return result }
        if let acronym = try schemeAcronym(word) { return acronym }
        if let place = try placeOfFormerUSSR(word) { return place }
        if document != nil, let written = try nameTheDocumentWrites(word) { return written }
        // Never a word the source reads several ways the lists confirm: it can spell it.
        guard result.reason != .ambiguous, let other = try decidedAsAnotherSchemeReads(word) else { return result }
        // A word the source cannot spell that another scheme leaves for review is listed so, not as no Russian word.
        return other.reason.converts || result.reason == .notRussian ? other : result
    }

    /// A capitalised word the rules leave with an apostrophe between two
    /// letters where an edition marked a soft sign (Bel'sky, Bel’sky: a
    /// popular spelling with loc's sign, in a popular text or a loc one):
    /// decided without its apostrophes (Belsky), and kept when the lists or
    /// rules read it so (not the document's other spellings, nor the name
    /// model) and that reading has a sign exactly where each apostrophe stands
    /// (the letters before it, written back in the source scheme, are the
    /// word's letters before it) and no other; nil otherwise.
    private func nameWithMarkedSigns(_ word: String) throws -> Result? {
        let letters = Array(word.unicodeScalars)
        let marks = letters.indices.filter { letters[$0] == "'" }
        guard !marks.isEmpty, marks.allSatisfy({ $0 > 0 && $0 + 1 < letters.count }),
              letters.allSatisfy({ $0 == "'" || ($0.isASCII && $0.properties.isAlphabetic) }),
              marks.allSatisfy({ letters[$0 - 1] != "'" && letters[$0 + 1] != "'" }) else { return nil }
        let shape = CaseShape(of: word)
        guard shape == .title || shape == .upper else { return nil }
        let unsigned = String(String.UnicodeScalarView(letters.filter { $0 != "'" }))
        let decided = try convertByListsAndDocument(unsigned)
        // By the lists and rules alone: a document that writes the word in a scheme with
        // signs (loc Fal'sifikatsiia) says its apostrophe is that scheme's, not an edition's mark.
        let byLists: Set<Reason> = [.lexicon, .pinned, .confirmed, .nameSuffix, .surnameList, .place]
        guard byLists.contains(decided.reason), let reading = decided.reading?.lowercased() else { return nil }
        let cyrillic = Array(reading.unicodeScalars)
        let signs = cyrillic.indices.filter { cyrillic[$0] == "ь" || cyrillic[$0] == "ъ" }
        guard signs.count == marks.count else { return nil }
        for (sign, mark) in zip(signs, marks) {
            let before = String(String.UnicodeScalarView(cyrillic[..<sign]))
            let written = String(decoding: try sourceWriter.convert(before).output, as: UTF8.self)
            let given = String(String.UnicodeScalarView(letters[..<mark].filter { $0 != "'" })).lowercased()
            guard written.lowercased() == given else { return nil }
        }
        return decided
    }

    /// A word in capitals but for the small second letter of a two-letter
    /// spelling of one Russian letter (VTsSPS, AKhU, KhOZU, TsUSTRAKh: the
    /// source scheme's spelling of an acronym, as the whole-text converter
    /// writes ВЦСПС), read as that acronym: only when its every reading is
    /// all Cyrillic capitals (not PhD, DoD, NaCl, McCain, whose small letters
    /// are no letter's second half), written back in the source scheme gives
    /// the word again (in any case: the writer spells Х in capitals KH before
    /// a capital, ВЦСПС VTsSPS), and every reading has one target spelling (an E that
    /// may be Е or Э is left where the target tells them apart). Neither list
    /// is asked: acronyms are not words. An acronym in capitals alone (NKVD)
    /// may be English and is never read so; nor a word the English list has in
    /// small letters or as a proper noun (ChAGALL, AShLEY: small capitals in
    /// OCR), nor one whose last letter is a small s (DTs, MEMTs: the plural of
    /// an English acronym, not Ц).
    private func schemeAcronym(_ word: String) throws -> Result? {
        let lower = word.lowercased()
        guard CaseShape(of: word) == .mixed, word.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic }),
              word.utf8.last != UInt8(ascii: "s"), !english.contains(lower), !english.contains(CaseShape.title.apply(to: lower)) else { return nil }
        let readings = Self.readings(of: try nameReader.convert(word))
        guard !readings.isEmpty else { return nil }
        var target: [UInt8]?
        for reading in readings {
            guard reading.unicodeScalars.count >= 2,
                  reading.unicodeScalars.allSatisfy({ (0x0410...0x042F).contains($0.value) || $0.value == 0x0401 }),
                  String(decoding: try sourceWriter.convert(reading).output, as: UTF8.self).lowercased() == word.lowercased() else { return nil }
            let spelling = try romanizer.convert(ArraySlice(Array(reading.utf8))).output
            if let target, target != spelling { return nil }
            target = spelling
        }
        // Spelled alike in both schemes (TsIK in popular and loc): left as written.
        guard let target, String(decoding: target, as: UTF8.self).lowercased() != lower else { return nil }
        return Result(output: target, reason: .acronym, reading: readings.count == 1 ? readings[0] : nil)
    }

    /// A capitalised word the lists and rules leave (a proper noun of the
    /// English list, Syzran, Tobolsk, Yaroslavl; a word no pattern calls
    /// Russian, Sochi, Tashkent; one left unconfirmed or ambiguous), read as
    /// a city of the former USSR: only a title-case word of ASCII letters
    /// (apostrophes aside; a word in capitals comes here as its title-case
    /// form, `decidedAsTitleCase`), never in the English list in lower case
    /// (perm, astrakhan stay), that names in the gazetteer only cities of the
    /// countries of `translit/places.yaml` (`PlaceGazetteer`: not Bristol, GB
    /// and US, nor Chita, JP and RU). Its readings are the gazetteer's
    /// Cyrillic names and the source scheme's readings of the word, with a
    /// soft sign the source did not write too (`signVariants`), that the name
    /// list has as a place's nominative singular (class G: Нальчик, not the
    /// gazetteer's Kazakh Налчик, nor its Львив for Lviv), that break no
    /// Russian spelling and, written back in the source scheme, give the
    /// word again (signs aside). No reading that writes back so may be a
    /// person's name's nominative in the list (class S or N, a place or not:
    /// Engels, Энгельс, and Pushkin may be the men the cities are named
    /// after; Usman, Усман, is a man, though Усмань is a city). An е
    /// spelling beside its ё form is that form (print drops ё). All must give
    /// one target spelling; nil otherwise. What it never touches: a word
    /// with a hyphen, a digit or a letter outside ASCII, a lower-case word.
    private func placeOfFormerUSSR(_ word: String) throws -> Result? {
        guard CaseShape(of: word) == .title, word.unicodeScalars.count >= 4,
              word.unicodeScalars.allSatisfy({ ($0.isASCII && $0.properties.isAlphabetic) || WordConverter.signs.contains($0) }),
              !english.contains(word.lowercased()) else { return nil }
        let given = Self.lowercasedWithoutSigns(word)
        guard let cities = try placeGazetteer().cyrillicNames(of: CaseShape.title.apply(to: given)) else { return nil }
        func writesBack(_ candidate: String) throws -> Bool {
            guard Self.isRussianLower(candidate), !Self.breaksRussianSpelling(candidate) else { return false }
            return Self.lowercasedWithoutSigns(String(decoding: try sourceWriter.convert(candidate).output, as: UTF8.self)) == given
        }
        // The gazetteer's names and the source scheme's own readings, with a sign the source did not write.
        let reading = try nameReader.convert(word)
        var own = Self.readings(of: reading).map { $0.lowercased() }
        own += own.flatMap(Self.signVariants)
        var readings: [String] = []
        for candidate in Set(cities + own).sorted() {
            guard let classes = names?.classes(of: candidate), try writesBack(candidate) else { continue }
            // A word that reads as a person's name (Энгельс, Пушкин; Усман beside the city Усмань) may be the person.
            if classes.contains("S") || classes.contains("N") { return nil }
            if classes.contains("G") { readings.append(candidate) }
        }
        var chosen = Set(readings.map(withNameYo))
        chosen = chosen.filter { form in !form.contains("е") || !chosen.contains { $0 != form && $0.replacingOccurrences(of: "ё", with: "е") == form } }
        guard let first = chosen.sorted().first, try Set(chosen.map { try romanizer.convert($0).output }).count == 1 else { return nil }
        let cyrillic = CaseShape.title.apply(to: first)
        return Result(output: try romanizer.convert(ArraySlice(Array(cyrillic.utf8))).output, reason: .place, reading: cyrillic)
    }

    /// A word in capitals (a name in a report's heading or a police summary:
    /// NIKOLAI, NENKOV) that its own form leaves, decided as its title-case form
    /// (Nikolai) is, the output in capitals again (NIKOLAJ). The patterns of
    /// `russian-looking.yaml` that ask for small letters (a first name's -ai,
    /// popular -y) and the lists read a name in title case; every guard on
    /// that form holds (the English list has NATO as Nato would be read).
    /// Only for a word of four ASCII capitals or more, alone or with
    /// apostrophes; nil when the title-case form does not convert.
    private func decidedAsTitleCase(_ word: String, by decide: (String) throws -> Result) throws -> Result? {
        var letters = 0
        for byte in word.utf8 {
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { letters += 1 } else if byte != Self.apostrophe { return nil }
        }
        guard letters >= 4 else { return nil }
        let titled = try decide(CaseShape.title.apply(to: word.lowercased()))
        guard titled.reason.converts else { return nil }
        return Result(output: Array(String(decoding: titled.output, as: UTF8.self).uppercased().utf8), reason: titled.reason,
                      readings: titled.readings.map { $0.uppercased() }, reading: titled.reading?.uppercased())
    }

    private func convertByLists(_ word: String) throws -> Result {
        if let known = lexiconResult(word) { return known }
        let shape = CaseShape(of: word)
        if english.contains(word) {
            return try nameEnglishAlsoKnows(word, shape: shape) ?? Result(output: Array(word.utf8), reason: .notRussian)
        }
        // The plural of a name the lexicon knows (the Ezhovs, the YEZHOVS) goes with
        // the name, unless the name ends in a sign, where the plural's spelling is the
        // writer's choice. Not a reading the word list confirms: Sovkhozes is no совхозе.
        if shape == .title || shape == .upper, word.unicodeScalars.count > 4, let s = word.last, s == "s" || s == "S" {
            for (stem, ending) in Self.pluralStems(of: word) {
                if let name = lexiconResult(stem),
                   let end = String(decoding: name.output, as: UTF8.self).unicodeScalars.last, !WordConverter.signs.contains(end) {
                    return Result(output: name.output + Array(ending.utf8), reason: name.reason)
                }
            }
        }
        if let plural = try pluralOfName(word, shape: shape) { return plural }
        // Reading back needs letters enough to be a word: short pieces ("lin", "sian",
        // "Ya") are more often OCR fragments than Russian words (names: the lexicon).
        let letters = word.unicodeScalars.filter { $0.properties.isAlphabetic }.count
        guard letters >= (shape == .lower ? 5 : 4) else { return Result(output: Array(word.utf8), reason: .notRussian) }
        guard looksRussian(word) else {
            // A name in another scheme's spelling that the source's patterns do not
            // catch (popular Yagoda, Krasnoyarsk in a loc text): read as a name there.
            guard shape == .title || shape == .upper, !word.contains("-") else { return Result(output: Array(word.utf8), reason: .notRussian) }
            if try looksRussianInAnotherScheme(word), let other = try nameOfAnotherScheme(word) { return other }
            if let listed = try nameTheListHas(word) { return listed }
            return try nameTheSurnameListHas(word) ?? Result(output: Array(word.utf8), reason: .notRussian)
        }
        // A hyphenated name (Bonch-Bruevich) is read whole in lower case, then
        // each part gets its own capitals back.
        let parts = word.split(separator: "-", omittingEmptySubsequences: false).map { CaseShape(of: String($0)) }
        let hyphenatedName = parts.count > 1 && parts.allSatisfy { $0 == .title || $0 == .upper }
        var reading = try (shape == .lower ? reader : nameReader).convert(hyphenatedName ? word.lowercased() : word)
        if shape != .lower { reading = try readAsName(reading, word: hyphenatedName ? word.lowercased() : word) }
        var cyrillic: [UInt8]
        switch reading.reason {
        case .lexicon: cyrillic = reading.output
        case .ambiguous(let readings):
            guard let settled = try settle(readings, capitalised: shape != .lower) else {
                return Result(output: Array(word.utf8), reason: .ambiguous, readings: Self.yeFirst(readings))
            }
            cyrillic = Array(settled.utf8)
        default:
            guard shape == .title || shape == .upper, !hyphenatedName else { return Result(output: Array(word.utf8), reason: .unconfirmed) }
            switch try nameWithSign(word, reading: reading.output) {
            case .name(let name):
                return Result(output: try romanizer.convert(ArraySlice(Array(name.utf8))).output, reason: .confirmed, reading: name)
            case .ambiguous(let readings): return Result(output: Array(word.utf8), reason: .ambiguous, readings: readings)
            case .none: break
            }
            switch try nameBySuffix(word, reading: reading.output, reader: nameReader, writer: sourceWriter) {
            case .name(let name):
                return Result(output: try romanizer.convert(ArraySlice(Array(name.utf8))).output, reason: .nameSuffix, reading: name)
            case .ambiguous:
                if let listed = try nameTheSurnameListHas(word) { return listed }
                return try modelResult(word, reading: reading.output) ?? nameRussianTextUses(word, reading: reading.output)
                    ?? Result(output: Array(word.utf8), reason: .unconfirmed)
            case .none: break
            }
            if let other = try nameOfAnotherScheme(word) { return other }
            if let listed = try nameTheSurnameListHas(word) { return listed }
            return try modelResult(word, reading: reading.output) ?? nameRussianTextUses(word, reading: reading.output)
                    ?? Result(output: Array(word.utf8), reason: .unconfirmed)
        }
        if shape != .lower { cyrillic = Array(withNameYo(String(decoding: cyrillic, as: UTF8.self)).utf8) }
        let romanized = try romanizer.convert(ArraySlice(cyrillic))
        guard hyphenatedName else { return Result(output: romanized.output, reason: .confirmed, reading: String(decoding: cyrillic, as: UTF8.self)) }
        let outputParts = String(decoding: romanized.output, as: UTF8.self).split(separator: "-", omittingEmptySubsequences: false)
        guard outputParts.count == parts.count else { return Result(output: Array(word.utf8), reason: .unconfirmed) }
        let output = zip(parts, outputParts).map { $0.apply(to: String($1)) }.joined(separator: "-")
        return Result(output: Array(output.utf8), reason: .confirmed)
    }

    /// A capitalised word's reading by the lists with the readings left out
    /// that are no evidence of a name: one the name list has only as a case
    /// form (its classes all small letters: тоней, полей, гальвин; English
    /// prose writes a Russian name in the nominative), and one only the word
    /// list has that holds a soft or hard sign the scheme's own reading of the
    /// word does not (раскинь, окинь for popular Raskin, Okin: a sign the
    /// source did not write, in a common word's form, is not a name's). A
    /// reading the name list has as a nominative (a capital in its classes)
    /// always stays, and so does one the word list has as the scheme reads it
    /// (подольский for Podolsky), unless the word looks Russian only by a
    /// `names-only` shape (Morey, Lakey: морей, лакей are no names). With no reading left, the word is read as
    /// unconfirmed, by the scheme's own reading, and goes on to the rules for
    /// such words (`nameWithSign`, `nameBySuffix`...); with one left of
    /// several, the reading is unchanged (`settle` weighs them all). A
    /// lower-case word is never passed here.
    private func readAsName(_ reading: WordConverter.Result, word: String) throws -> WordConverter.Result {
        let all: [String]
        switch reading.reason {
        case .lexicon: all = [String(decoding: reading.output, as: UTF8.self)]
        case .ambiguous(let readings): all = readings
        default: return reading
        }
        let own = String(decoding: try initialReader.convert(word).output, as: UTF8.self).lowercased()
        let onlyAsName = !Self.matches(patterns, word)
        let kept = all.filter { candidate in
            let lower = candidate.lowercased()
            if names?.contains(lower) == true { return namesNominative(lower) }
            return !onlyAsName && Self.signCount(lower) <= Self.signCount(own)
        }
        // Readings left out are still words: of several, the rest stay for `settle` to weigh.
        guard kept.isEmpty else { return reading }
        return WordConverter.Result(output: Array(CaseShape(of: word).apply(to: own).utf8), reason: .unconfirmed)
    }

    /// A capitalised word left because it looks Russian only by a
    /// `names-only` shape (Noveishei, Muzey), read as the Russian word list
    /// reads it: for a word that stands in a Russian phrase, one space from a
    /// Russian common word (`isRussianCommonWord`: Dokumentov Noveishei
    /// Istorii, Muzey Revolyutsii), where English surnames (Morey, Staley) do
    /// not stand. Each reading the word list has, with no sign the scheme's
    /// own reading lacks, must give one target spelling; nil otherwise.
    public func wordOfRussianPhrase(_ word: ArraySlice<UInt8>) throws -> Result? {
        let text = String(decoding: word, as: UTF8.self)
        let shape = CaseShape(of: text)
        guard shape == .title || shape == .upper, !Self.matches(patterns, text), Self.matches(namesOnlyPatterns, text),
              !english.contains(text), !english.contains(text.lowercased()), let wordList else { return nil }
        let own = String(decoding: try initialReader.convert(text).output, as: UTF8.self).lowercased()
        let readings = Self.readings(of: try reader.convert(text.lowercased())).filter {
            wordList.contains($0) && Self.signCount($0) <= Self.signCount(own)
        }
        let spellings = try Set(readings.map { try romanizer.convert(ArraySlice(Array(shape.apply(to: $0).utf8))).output })
        guard spellings.count == 1, let output = spellings.first else { return nil }
        return Result(output: output, reason: .confirmed, reading: shape.apply(to: readings[0]))
    }

    /// True when the run surveyed the document and it writes `word` whole
    /// somewhere (a word broken at a line's end is not counted whole there).
    public func documentWritesWhole(_ word: ArraySlice<UInt8>) -> Bool {
        (document?.count(of: word) ?? 0) > 0
    }

    /// True for a word the Russian word list confirmed as a common word (its
    /// reading no name's nominative): a word of a Russian phrase (`wordOfRussianPhrase`).
    public func isRussianCommonWord(_ result: Result) -> Bool {
        guard result.reason == .confirmed, let reading = result.reading?.lowercased() else { return false }
        return wordList?.contains(reading) == true && !namesNominative(reading)
    }

    /// True when the name list has a lower-case form as some name's
    /// nominative singular (a capital letter in its classes: ежов, ежова),
    /// false for a case form alone (тоней, полей) or a form it lacks.
    private func namesNominative(_ lower: String) -> Bool {
        names?.classes(of: lower)?.unicodeScalars.contains { $0.properties.isUppercase } == true
    }

    /// How many soft and hard signs a Cyrillic spelling has.
    static func signCount(_ lower: String) -> Int { lower.unicodeScalars.filter { $0 == "ь" || $0 == "ъ" }.count }

    /// True for a result that makes a capitalised word a Russian name that
    /// a first name may stand before: a headword of the name lexicon (Kirov
    /// in names.txt), read by an ending of `name-suffixes.txt`, or confirmed
    /// with a reading the name list has as a surname or patronymic (s, p:
    /// Mironovich, Shatunovskaia).
    public func isSurnameOrPatronymic(_ result: Result) -> Bool {
        if result.reason == .nameSuffix || result.reason == .lexicon || result.reason == .pinned { return true }
        if result.reason == .surnameList, let reading = result.reading?.lowercased() {
            return surnames?.classes(of: reading)?.contains("S") == true
        }
        guard result.reason == .confirmed, let reading = result.reading?.lowercased(),
              let classes = names?.classes(of: reading) else { return false }
        return classes.contains { "sSpP".contains($0) }
    }

    /// A capitalised word that does not convert by itself, read as a Russian
    /// first name because a Russian surname or patronymic follows it in the
    /// line (the caller checks that, `isSurnameOrPatronymic`): Sergei Kirov,
    /// Nikolai Bukharin, Mikhail Tomsky, Dmitry in a loc text. The English
    /// word list keeps some such names as proper nouns, so they never convert
    /// alone (Dubai, Galilei and Gary end as they do); here such a word must
    /// look Russian and match a pattern of `russian-looking.yaml`'s
    /// `english-first-names` too, in the scheme that reads it (not Gary,
    /// Gregory, Emily, Sofia; popular Pyotr in a loc text). Only when the
    /// word is title case or capitals, of four letters or more as every word
    /// read back (Roy Medvedev keeps his English Roy), never in
    /// the English list in lower case (Mark, Will), and the name list has its
    /// reading, in the source scheme or another the prose mixes, as a first
    /// name's nominative singular (class N), the reading spelled back in that
    /// scheme giving the word again (signs aside: Olga is Ольга, Ol'ga), and
    /// all such readings give one target spelling. So Victor and Maria stay
    /// (loc and popular write Viktor, Mariia, Mariya); Boris and Anna are
    /// spelled alike everywhere. Nil otherwise.
    public func firstName(_ word: ArraySlice<UInt8>) throws -> Result? {
        let text = String(decoding: word, as: UTF8.self)
        if let known = firstNames[text] { return known }
        // In capitals (NIKOLAI BUKHARIN), as in title case.
        let result = try readFirstName(text) ?? decidedAsTitleCase(text) { try readFirstName($0) ?? Result(output: [], reason: .notRussian) }
        firstNames[text] = result
        return result
    }

    private func readFirstName(_ word: String) throws -> Result? {
        let shape = CaseShape(of: word)
        guard let names, shape == .title || shape == .upper, word.unicodeScalars.count >= 4,
              word.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || WordConverter.signs.contains($0) }),
              !english.contains(word.lowercased()) else { return nil }
        let englishProperNoun = english.contains(word)
        if englishProperNoun, firstNameSpellings == nil {
            let sourceScheme = self.source
            firstNameSpellings = try [(patterns + namesOnlyPatterns, englishFirstNamePatterns)]
                + Self.mixedSchemes.filter { $0 != sourceScheme }.map { scheme in
                    (try Self.loadPatterns(library: library, scheme: scheme) + Self.loadPatterns(library: library, scheme: scheme, section: "names-only"),
                     try Self.loadPatterns(library: library, scheme: scheme, section: "english-first-names"))
                }
        }
        let source = Self.lowercasedWithoutSigns(word)
        var outputs = Set<[UInt8]>()
        var read: String?
        // The source scheme first; the others only when it reads no first name (Dmitry in a loc text).
        for (position, (letters, reader, writer)) in ([(nil, nameReader, sourceWriter)]
            + (try mixedReaders()).map { ($0.slavicLatinLetters, $0.reader, $0.writer) }).enumerated() {
            if position == 1, !outputs.isEmpty { break }
            guard letters.map({ mayReadWithLetters(word, $0) }) ?? true else { continue }
            if englishProperNoun, let spelling = firstNameSpellings?[position],
               !(Self.matches(spelling.schemes, word) && Self.matches(spelling.firstNames, word)) { continue }
            let reading = try reader.convert(word)
            var candidates: [String]
            switch reading.reason {
            case .lexicon: candidates = [String(decoding: reading.output, as: UTF8.self)]
            case .ambiguous(let readings): candidates = readings
            default:
                guard case .name(let name) = try nameWithSign(word, reading: reading.output) else { continue }
                candidates = [name]
            }
            var named: [String] = []
            for candidate in candidates {
                let lower = candidate.lowercased()
                guard !Self.breaksRussianSpelling(lower), names.classes(of: lower)?.contains("N") == true,
                      Self.lowercasedWithoutSigns(String(decoding: try writer.convert(lower).output, as: UTF8.self)) == source else { continue }
                named.append(candidate)
            }
            // Two first names that differ only in и or й (Михаил, Михайл): the one the
            // scheme's reverse rules read first (loc ai before l is аи: Mikhail).
            if named.count == 2 {
                if let settled = Self.settledByFinalShortI(named) { named = [settled] }
                else if Self.differOnlyInShortI(named[0], named[1]), named[0] == candidates.first { named = [named[0]] }
            }
            for candidate in named {
                let cyrillic = withNameYo(candidate)
                outputs.insert(try romanizer.convert(ArraySlice(Array(cyrillic.utf8))).output)
                read = read ?? cyrillic
            }
        }
        guard outputs.count == 1, let output = outputs.first else { return nil }
        return Result(output: output, reason: .firstName, reading: read)
    }

    /// The list of the world's names, loaded the first time.
    private func loadedWorldNames() throws -> RussianWordList {
        if let worldNames { return worldNames }
        let loaded = try RussianWordList.loadDefaultWorldNames(library: library)
        worldNames = loaded
        return loaded
    }

    /// True for a word whose letters, in small letters, the 1990 United States
    /// census lists as a surname or first name (Falk, Alberts, Gershman,
    /// Cordova): a name the English-speaking world bears, read as a Russian
    /// name only as the English list's proper nouns are (`nameEnglishAlsoKnows`).
    private func isWorldName(_ word: String) throws -> Bool {
        try loadedWorldNames().classes(of: word.lowercased()) != nil
    }

    /// A capitalised word the English word list has, read as a Russian name:
    /// only when the list has it as a proper noun alone (Kerensky, Khrushchev,
    /// Olga; never in lower case, as army, may and mayor are), it looks
    /// Russian by the stricter patterns of `russian-looking.yaml`'s
    /// `english-names` (spellings English names do not share: kh, zh, -sky,
    /// -ov; not -in, -ia or -ian: Darwin, India, Julian), and the name list
    /// confirms its reading, as read or with a sign the source did not write
    /// (`nameWithSign`). Never by the word list alone, nor by an ending
    /// (`nameBySuffix`), nor a hyphenated word; nil otherwise (an English word).
    /// When the source scheme does not read it so, the other schemes prose
    /// mixes may, by the same tests in their own patterns (popular Kerensky,
    /// Dzerzhinsky, Krasnoyarsk in a loc text: `englishNameOfAnotherScheme`).
    private func nameEnglishAlsoKnows(_ word: String, shape: CaseShape) throws -> Result? {
        guard names != nil, shape == .title || shape == .upper, !word.contains("-"),
              word.unicodeScalars.filter({ $0.properties.isAlphabetic }).count >= 4,
              !english.contains(word.lowercased()) else { return nil }
        if looksRussian(word), Self.matches(englishNamePatterns, word), let reading = try englishNameReading(word, reader: nameReader) {
            let cyrillic = withNameYo(reading)
            return Result(output: try romanizer.convert(ArraySlice(Array(cyrillic.utf8))).output, reason: .confirmed, reading: cyrillic)
        }
        return try englishNameOfAnotherScheme(word)
    }

    /// True for a lower-case reading the name list has as the nominative
    /// singular of a surname, patronymic or place (class S, P or G), that
    /// breaks no Russian spelling and has no э inside (a loanword's letter).
    private func isNominativeName(_ lower: String) -> Bool {
        names?.classes(of: lower)?.unicodeScalars.contains(where: { $0 == "S" || $0 == "P" || $0 == "G" }) == true
            && !Self.breaksRussianSpelling(lower) && !lower.dropFirst().contains("э")
    }

    /// The reading of a proper noun of the English word list by `reader` that
    /// the name list has, as read or with a sign the source did not write
    /// (`nameWithSign`); nil when the list has none.
    private func englishNameReading(_ word: String, reader: WordConverter) throws -> String? {
        guard let names else { return nil }
        let reading = try reader.convert(word)
        var cyrillic: String
        switch reading.reason {
        case .lexicon: cyrillic = String(decoding: reading.output, as: UTF8.self)
        case .ambiguous(let readings):
            guard let settled = try settle(readings, capitalised: true) else { return nil }
            cyrillic = settled
        default:
            guard case .name(let name) = try nameWithSign(word, reading: reading.output) else { return nil }
            cyrillic = name
        }
        return names.contains(cyrillic.lowercased()) ? cyrillic : nil
    }

    /// The patterns of `russian-looking.yaml` (`schemes` and `english-names`) for each
    /// scheme of `mixedSchemes` but the source, in `mixedReaders` order, loaded on first need.
    private var otherEnglishNamePatterns: [(schemes: [NSRegularExpression], englishNames: [NSRegularExpression])]?

    /// A proper noun of the English word list that the source scheme does not
    /// read as a Russian name, read in another scheme prose mixes (an edition's
    /// popular Kerensky, Dzerzhinsky, Nevsky, Krasnoyarsk, Nikolayev in a loc
    /// text): only where it looks Russian by that scheme's patterns and matches
    /// its `english-names` ones too, the name list has its reading (as read or
    /// with a sign the scheme did not write), and that reading, written back in
    /// the scheme, gives the word again (signs aside). Every scheme that reads
    /// it so must give one target spelling; nil otherwise. The English list's
    /// capitalised words are safe here as they are in each scheme's own
    /// direction: a word converts only by what its own scheme's rule allows.
    private func englishNameOfAnotherScheme(_ word: String) throws -> Result? {
        if otherEnglishNamePatterns == nil {
            otherEnglishNamePatterns = try Self.mixedSchemes.filter { $0 != source }.map {
                (try Self.loadPatterns(library: library, scheme: $0), try Self.loadPatterns(library: library, scheme: $0, section: "english-names"))
            }
        }
        guard let spellings = otherEnglishNamePatterns else { return nil }
        let given = Self.lowercasedWithoutSigns(word)
        var outputs = Set<[UInt8]>()
        var read: String?
        for (spelling, other) in zip(spellings, try mixedReaders())
        where Self.matches(spelling.schemes, word) && Self.matches(spelling.englishNames, word) {
            guard mayRead(word, as: other) else { continue }
            guard let reading = try englishNameReading(word, reader: other.reader), !Self.breaksRussianSpelling(reading.lowercased()),
                  Self.lowercasedWithoutSigns(String(decoding: try other.writer.convert(reading.lowercased()).output, as: UTF8.self)) == given else { continue }
            let cyrillic = withNameYo(reading)
            outputs.insert(try romanizer.convert(ArraySlice(Array(cyrillic.utf8))).output)
            read = read ?? cyrillic
        }
        guard outputs.count == 1, let output = outputs.first else { return nil }
        return Result(output: output, reason: .confirmed, reading: read)
    }

    /// A capitalised word that does not look Russian by the source scheme's
    /// patterns, read as a name when the name list has its reading: as read
    /// (Rozenfeld: Розенфельд in loc; Lazar in popular), or with one soft sign
    /// the source did not write (`nameWithSign`: popular Avel, Chubar,
    /// Tobolsk: Авель, Чубарь, Тобольск). The caller has passed the English
    /// word list's guard (the word is in it in no case), and the word is not
    /// hyphenated. The reading must be the nominative singular of a surname,
    /// patronymic or place of the name list (class S, P or G: never the word
    /// list's alone, nor a case form, so loc Arkady, аркады, is left to the
    /// first names, `firstName`; nor a first name alone, as the list has
    /// foreign ones: Райнер, Альдон, so English Rayner and Aldon stay), have
    /// no э inside (a loanword's letter: Дэвис, English Devis, stays), break
    /// no Russian spelling, and, when the list has several, be settled
    /// (`settle`); nil otherwise. Foreign names the list has (German, Jewish, Armenian:
    /// Mandelshtam, Zilberman) are names of these books too.
    private func nameTheListHas(_ word: String) throws -> Result? {
        guard names != nil, word.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || WordConverter.signs.contains($0) }) else { return nil }
        let isNominative = { (reading: String) in self.isNominativeName(reading.lowercased()) }
        let reading = try nameReader.convert(word)
        var readings: [String] = []
        switch reading.reason {
        case .lexicon: readings = [String(decoding: reading.output, as: UTF8.self)]
        case .ambiguous(let all):
            guard let settled = try settle(all, capitalised: true) else { return nil }
            readings = [settled]
        default:
            guard case .name(let name) = try nameWithSign(word, reading: reading.output) else { return nil }
            readings = [name]
        }
        readings = readings.filter(isNominative)
        guard let first = readings.first else { return nil }
        // A scheme that drops the signs (popular) writes Авел and Авель alike:
        // the variants with one ь the list has as nominatives are readings too.
        let source = Array(word.lowercased().utf8)
        for variant in Self.signVariants(of: first.lowercased()) where isNominative(variant) {
            if try sourceWriter.convert(variant).output.elementsEqual(source) { readings.append(CaseShape(of: first).apply(to: variant)) }
        }
        var chosen = first
        if try Set(readings.map { try romanizer.convert($0).output }).count > 1 {
            guard let settled = try settledByModel(readings) else { return nil }
            chosen = settled
        }
        let cyrillic = withNameYo(chosen)
        return Result(output: try romanizer.convert(ArraySlice(Array(cyrillic.utf8))).output, reason: .confirmed, reading: cyrillic)
    }

    /// A capitalised word that no other list or rule confirms, spelled as the
    /// world's names are not (Sagoian, Bliakhman, Poliachenko), read as a surname or
    /// first name of the surname list (`lexicon/russian-surnames.txt`:
    /// natasha's lists, loaded here on first need; a missing list is an error
    /// naming its script). Only a title-case or all-capitals word of four
    /// letters or more, of letters (and signs) alone, never in the English
    /// word list in any case (the caller has checked the word as written;
    /// the list has the world's surnames, Нобель, Смит, and common nouns,
    /// лебедь: only the English guard and the write-back keep them out). Its
    /// readings are every reading of the source scheme's alternatives from
    /// its most likely one (modern letters, no ё the source does not write,
    /// no broken Russian spelling, no э inside, at most 512), only when the
    /// word matches a pattern of `russian-looking.yaml`'s `surname-list` (kh,
    /// zh, -ian, -enko: not Moyer, Greiner, Chapin, Grishman, whose readings
    /// the list has too). A soft sign the source did not write is never
    /// added: the list has the world's names with one (Engel, Fogel, Kimmel,
    /// Bastian: Энгель, Фогель, Киммель, Бастьян). A reading confirms
    /// when the list has it (class S or N) and, written back in the source
    /// scheme, it gives the word again, signs aside. An е spelling the list
    /// has only for a ё form is that form. All confirming readings must give
    /// one target spelling, or the name-spelling model must score one above
    /// every reading with another target spelling by `modelMargin`
    /// (`settledByModel`), or the readings the Russian word list or the name
    /// list has too must give one (the list has many variant spellings),
    /// else the word is left as ambiguous with them listed; nil when none
    /// confirms.
    private func nameTheSurnameListHas(_ word: String) throws -> Result? {
        let shape = CaseShape(of: word)
        guard shape == .title || shape == .upper, !word.contains("-"),
              word.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || WordConverter.signs.contains($0) }),
              word.unicodeScalars.filter({ $0.properties.isAlphabetic }).count >= 4,
              !english.contains(word.lowercased()) else { return nil }
        // Only a word spelled as the world's names are not: the list has their readings
        // too. Checked first, so that no other word reads the list or needs it.
        guard Self.matches(surnameListPatterns, word) else { return nil }
        if surnames == nil { surnames = try RussianWordList.loadDefaultSurnames(library: library) }
        guard let surnames else { return nil }
        let given = Self.lowercasedWithoutSigns(word)
        let base = Self.readings(of: try nameReader.convert(word)).map { $0.lowercased() }
        var read = Set<String>()
        for reading in base where Self.isRussianLower(reading) {
            guard let found = nameAlternatives(of: reading, writesYo: false) else { return nil }
            read.formUnion(found)
        }
        var confirmed: [String] = []
        for candidate in read.sorted() {
            guard let classes = surnames.classes(of: candidate), classes.contains("S") || classes.contains("N"),
                  Self.isRussianLower(candidate), !Self.breaksRussianSpelling(candidate), !candidate.dropFirst().contains("э"),
                  Self.lowercasedWithoutSigns(String(decoding: try sourceWriter.convert(candidate).output, as: UTF8.self)) == given
            else { continue }
            confirmed.append(Self.withYo(candidate, in: surnames))
        }
        guard var chosen = confirmed.first else { return nil }
        if try Set(confirmed.map { try romanizer.convert($0).output }).count > 1 {
            // Of the list's variant spellings (it has Лебед beside Лебедь), the one the
            // other lists attest: the Russian word list or the name list has it too.
            let attested = confirmed.filter { wordList?.contains($0) == true || names?.contains($0) == true }
            if let settled = try settledByModel(confirmed) {
                chosen = settled
            } else if let one = attested.first, try Set(attested.map { try romanizer.convert($0).output }).count == 1 {
                chosen = one
            } else {
                return Result(output: Array(word.utf8), reason: .ambiguous, readings: Self.yeFirst(confirmed.map { shape.apply(to: $0) }))
            }
        }
        let cyrillic = CaseShape.title.apply(to: chosen)
        let output = try romanizer.convert(ArraySlice(Array(cyrillic.utf8))).output
        return Result(output: shape == .upper ? Array(String(decoding: output, as: UTF8.self).uppercased().utf8) : output,
                      reason: .surnameList, reading: shape == .upper ? cyrillic.uppercased() : cyrillic)
    }

    /// A capitalised word that looks Russian and that no list, rule or the
    /// model confirms, read as the reading Russian text uses far more often
    /// than any other: the word frequencies of `lexicon/russian-frequencies.txt`
    /// (wordfreq: Wikipedia, news, books, subtitles, the web) give it at least
    /// `attestedFloor`, and every reading with another target spelling
    /// `attestedMargin` less or none (Chuev: Чуев; Unshlikht: Уншлихт;
    /// Mezhlauk: Межлаук). Only a word spelled as the world's names are not
    /// (a pattern of `english-names`, `name-model` or `surname-list`) that
    /// English text never writes (not in `lexicon/english-frequencies.txt`):
    /// Russian text writes the world's names too (Ямамото, Нараян). Its
    /// readings are the model's (`nameAlternatives`: the source scheme's
    /// alternatives from its most likely reading, modern letters, no ё the
    /// source does not write, no broken Russian spelling, no э inside) that
    /// give the word again exactly when written back in the source scheme,
    /// with no sign the scheme's own reading lacks (the frequencies have the
    /// world's names with one: Энгель for Engel). Only a title-case or
    /// all-capitals word of `attestedLetters` letters or more, of letters
    /// alone, with no hyphen, never in the English word list in any case,
    /// never a possessive (its stem was read first); nil otherwise.
    private func nameRussianTextUses(_ word: String, reading: [UInt8]) throws -> Result? {
        let shape = CaseShape(of: word)
        guard shape == .title || shape == .upper, !word.contains("-"), Self.possessiveEnding(of: Array(word.utf8)) == nil,
              word.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic }), word.unicodeScalars.count >= Self.attestedLetters,
              !english.contains(word.lowercased()) else { return nil }
        // Russian text writes the world's names too (Ямамото, Стейли, Нараян, Бурхард): only a word
        // spelled as they are not, that English text never writes. The spelling is checked first,
        // so that no other word reads the lists or needs them.
        guard Self.matches(englishNamePatterns, word) || Self.matches(modelNamePatterns, word) || Self.matches(surnameListPatterns, word)
        else { return nil }
        let (russianText, englishText) = try wordFrequencies()
        guard englishText.zipfTimesTen(of: word.lowercased()) == nil else { return nil }
        let base = String(decoding: reading, as: UTF8.self).lowercased()
        let source = Array(word.lowercased().utf8)
        let signs = Self.signCount(String(decoding: try initialReader.convert(word).output, as: UTF8.self).lowercased())
        guard let candidates = nameAlternatives(of: base, writesYo: base.contains("ё")) else { return nil }
        var best: (reading: String, target: [UInt8], zipf: Int)?
        var bestByTarget: [[UInt8]: Int] = [:]
        for candidate in candidates {
            guard Self.signCount(candidate) <= signs, let zipf = russianText.zipfTimesTen(of: candidate),
                  try sourceWriter.convert(candidate).output.elementsEqual(source) else { continue }
            let target = try romanizer.convert(candidate).output
            bestByTarget[target] = max(bestByTarget[target] ?? 0, zipf)
            if zipf > best?.zipf ?? 0 { best = (candidate, target, zipf) }
        }
        guard let best, best.zipf >= Self.attestedFloor else { return nil }
        let runnerUp = bestByTarget.filter { $0.key != best.target }.values.max() ?? 0
        guard best.zipf - runnerUp >= Self.attestedMargin else { return nil }
        let cyrillic = shape.apply(to: best.reading)
        return Result(output: try romanizer.convert(ArraySlice(Array(cyrillic.utf8))).output, reason: .attested, reading: cyrillic)
    }

    /// The least frequency, Zipf times ten, of a reading Russian text attests
    /// (`nameRussianTextUses`): 10, once in a hundred million words, the
    /// least the frequency list holds.
    static let attestedFloor = 10
    /// How much more often, Zipf times ten, Russian text must use the reading
    /// than any reading with another target spelling: 10, ten times as often.
    static let attestedMargin = 10
    /// The fewest letters of a word read so: as for a lower-case word's
    /// reading (`convertByLists`), since the shorter a reading, the likelier
    /// Russian text writes it by chance (New Yark, an OCR slip: ярк; Tien Shan: тиен).
    static let attestedLetters = 5

    /// The ё form of a lower-case reading that `list` has only as the е
    /// spelling of a ё form (its classes end in `e`) when exactly one form
    /// with one of its е made ё is listed as written; the reading otherwise.
    static func withYo(_ lower: String, in list: RussianWordList) -> String {
        guard lower.contains("е"), list.classes(of: lower)?.hasSuffix("e") == true else { return lower }
        let letters = Array(lower)
        var found: [String] = []
        for index in letters.indices where letters[index] == "е" {
            var variant = letters
            variant[index] = "ё"
            if let classes = list.classes(of: String(variant)), !classes.hasSuffix("e") { found.append(String(variant)) }
        }
        return found.count == 1 ? found[0] : lower
    }

    /// Of readings the name list confirms all, the one the name-spelling model
    /// scores above every reading with another target spelling by
    /// `modelMargin` (Авель over Авел, both first names of the list); nil
    /// when none does or there is no model.
    private func settledByModel(_ readings: [String]) throws -> String? {
        guard let model = try model() else { return nil }
        let scored = try readings.compactMap { reading in
            try model.score(reading).map { (reading, try romanizer.convert(reading).output, $0.logProbability) }
        }
        guard let best = scored.max(by: { $0.2 < $1.2 }) else { return nil }
        let runnerUp = scored.filter { $0.1 != best.1 }.map(\.2).max() ?? -.infinity
        return best.2 - runnerUp >= Self.modelMargin ? best.0 : nil
    }

    /// A spelling in small letters without its signs (ʹ, ', ʺ): two spellings
    /// compared so are the same word whatever signs a scheme writes or drops.
    static func lowercasedWithoutSigns(_ text: String) -> String {
        String(String.UnicodeScalarView(text.lowercased().unicodeScalars.filter { !WordConverter.signs.contains($0) }))
    }

    /// True for a word of the Russian alphabet's small letters alone (а–я, ё).
    static func isRussianLower(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { (0x0430...0x044F).contains($0.value) || $0 == "ё" }
    }

    /// Every Cyrillic reading a conversion gave: an ambiguous one's all, or its one.
    static func readings(of reading: WordConverter.Result) -> [String] {
        if case .ambiguous(let all) = reading.reason { return all }
        return [String(decoding: reading.output, as: UTF8.self)]
    }

    /// The spellings of a lower-case reading with one ь after a consonant that has none after it.
    static func signVariants(of lower: String) -> [String] {
        let letters = Array(lower)
        let consonants: Set<Character> = Set("бвгджзклмнпрстфхцчшщ")
        var variants: [String] = []
        for index in letters.indices where consonants.contains(letters[index]) {
            if index + 1 == letters.count || !"ьъ".contains(letters[index + 1]) {
                var variant = letters
                variant.insert("ь", at: index + 1)
                variants.append(String(variant))
            }
        }
        return variants
    }

    /// What the name list says of a capitalised word's reading with a sign the source does not write.
    private enum VariantEvidence {
        case none
        /// The one variant the name list has.
        case name(String)
        /// Several variants the name list has, with different target spellings: listed for review.
        case ambiguous([String])
    }

    /// The reading of a capitalised word that no list confirms as read, with a
    /// soft sign the source did not write (editions drop loc's apostrophe
    /// and popular's ye: Kondratev, Savelev, Sokolnikov): its variants with
    /// one ь after a consonant that the name list has as a nominative (a
    /// capital in its classes; a case form alone, галинь for Galin, is no
    /// name's evidence). One such variant, or
    /// several with one target spelling, confirm it (Кондратьев, Савельев,
    /// Сокольников); several with different ones leave the word for review,
    /// its variants listed (loc Alfevna: Альфевна, Алфьевна). A word that
    /// writes a sign elsewhere (Kon'kov) is never given another: its source
    /// writes the signs it has. Never a lower-case word, never the word list
    /// (a common noun's sign is the scheme's business, not the name list's).
    /// A ё is the name list's to add (`withNameYo`): Solovev, Соловьев, is Соловьёв.
    private func nameWithSign(_ word: String, reading: [UInt8]) throws -> VariantEvidence {
        guard names != nil, !word.unicodeScalars.contains(where: WordConverter.signs.contains) else { return .none }
        let cyrillic = String(decoding: reading, as: UTF8.self)
        let letters = Array(cyrillic.lowercased())
        guard letters.count >= 3, letters.allSatisfy({ ("а"..."я").contains($0) || $0 == "ё" }) else { return .none }
        // A name's nominative (a capital in its classes), never a case form alone (галинь, мальвин).
        let found = Self.signVariants(of: String(letters)).filter {
            !Self.breaksRussianSpelling($0) && namesNominative($0)
        }
        guard !found.isEmpty else { return .none }
        let shape = CaseShape(of: cyrillic)
        let spellings = try Set(found.map { try romanizer.convert($0).output })
        if spellings.count == 1 { return .name(withNameYo(shape.apply(to: found[0]))) }
        return .ambiguous(found.map { shape.apply(to: $0) })
    }

    /// The ё form of a name's reading, where the name list has the reading
    /// only as the е spelling of a ё form (its classes end in `e`: хрущев is
    /// Хрущёв written with е, семенов Семёнов) and exactly one form with one
    /// of its е made ё is listed as written; the reading itself otherwise (a
    /// form of its own: петр, королев, тема; a lower-case word is never
    /// given one, nor a reading of two ё forms). Russian print leaves ё out,
    /// so a source scheme's e never says which; the name list does.
    private func withNameYo(_ cyrillic: String) -> String {
        guard let names, cyrillic.unicodeScalars.contains(where: { $0 == "е" || $0 == "Е" }) else { return cyrillic }
        let lower = cyrillic.lowercased()
        guard names.classes(of: lower)?.hasSuffix("e") == true else { return cyrillic }
        let letters = Array(lower)
        var found: [String] = []
        for index in letters.indices where letters[index] == "е" {
            var variant = letters
            variant[index] = "ё"
            let form = String(variant)
            if let classes = names.classes(of: form), !classes.hasSuffix("e") { found.append(form) }
        }
        guard found.count == 1 else { return cyrillic }
        return CaseShape(of: cyrillic).apply(to: found[0])
    }

    /// The plural of a name no lexicon has (the Ezhovs, the YEZHOVS, Yezhovs in
    /// a loc text): a capitalised word ending in s, not English, whose stem
    /// converts as a name the name list has in the nominative singular (its
    /// classes have a capital letter) or as one its ending confirms
    /// (`name-suffixes.txt`), and whose reading ends in a consonant (a name
    /// ending in a vowel, a sign or й has a plural the writer spells); the
    /// -es plural after ch, sh or zh too (`pluralStems`). The
    /// stem's English guard holds: Kennedys, Henrys and Joneses stay. Never a
    /// reading the word list confirms (Chekists, Sovkhozes: common nouns).
    private func pluralOfName(_ word: String, shape: CaseShape) throws -> Result? {
        guard shape == .title || shape == .upper, word.unicodeScalars.count > 5, let s = word.last, s == "s" || s == "S",
              !word.dropLast().hasSuffix(String(s)) else { return nil }
        for (stem, ending) in Self.pluralStems(of: word) {
            let converted = try convertStem(stem)
            guard let reading = converted.reading?.lowercased(), let end = reading.last, !"аеёиоуыэюяьъй".contains(end) else { continue }
            switch converted.reason {
            case .nameSuffix: break
            case .confirmed:
                guard names?.classes(of: reading)?.unicodeScalars.contains(where: { $0.properties.isUppercase }) == true else { continue }
            default: continue
            }
            return Result(output: converted.output + Array(ending.utf8), reason: converted.reason)
        }
        return nil
    }

    /// The ways a word ending in s may be a plural, in the order they are
    /// tried: its stem without the s (Ezhovs), then, after ch, sh or zh,
    /// without -es (the Kaganoviches, the KAGANOVICHES: English adds -es
    /// there). Each with the ending as the word writes it.
    static func pluralStems(of word: String) -> [(stem: String, ending: String)] {
        var stems = [(String(word.dropLast()), String(word.suffix(1)))]
        let lower = word.lowercased()
        if lower.unicodeScalars.count > 6, lower.hasSuffix("es") {
            let stem = lower.dropLast(2)
            if stem.hasSuffix("ch") || stem.hasSuffix("sh") || stem.hasSuffix("zh") {
                stems.append((String(word.dropLast(2)), String(word.suffix(2))))
            }
        }
        return stems
    }

    /// The reading of a capitalised word no list knows, as a name: when it ends
    /// in an ending of `name-suffixes.txt` after three letters or more, and,
    /// written back in the source scheme, gives the word again (signs aside:
    /// editions mix them), and has no э but at its start (inside a word, э is
    /// a loanword's letter, never a Russian name's), and the scheme's other
    /// readings of the word's end (its alternatives: ц or тс, ий or ый) that
    /// pass the same tests give the same target spelling, or the name list
    /// settles them (`settledByEnding`: popular and loc Krivitsky, Кривицкий
    /// rather than Кривитский; Shatsky, -ацкий or -атский, is left alone);
    /// nil otherwise. The reading
    /// is the scheme's own (its reverse rules: popular -sky is -ский, ls is
    /// льс, an initial e is е); a sign or ё the source does not write is not
    /// counted as another reading (Russian print writes ё as е; popular
    /// drops every sign).
    private func nameBySuffix(_ word: String, reading: [UInt8], reader: WordConverter, writer: WordConverter) throws -> SuffixEvidence {
        let cyrillic = String(decoding: reading, as: UTF8.self)
        let lower = cyrillic.lowercased()
        guard let suffix = nameSuffixes.first(where: { lower.hasSuffix($0) }),
              lower.count - suffix.count >= 3,
              lower.unicodeScalars.allSatisfy({ (0x0430...0x045F).contains($0.value) }),
              !Self.breaksRussianSpelling(lower), !lower.dropFirst().contains("э") else { return .none }
        let source = Self.lowercasedWithoutSigns(word)
        func writesBack(_ reading: String) throws -> Bool {
            Self.lowercasedWithoutSigns(String(decoding: try writer.convert(reading).output, as: UTF8.self)) == source
        }
        guard try writesBack(lower) else { return .none }
        // The other readings of the end: the ending and two letters before it.
        let tailLength = min(lower.count, suffix.count + 2)
        let head = String(lower.dropLast(tailLength)), tail = String(lower.suffix(tailLength))
        let signs: Set<Character> = ["ь", "ъ"]
        let tailSigns = tail.filter(signs.contains)
        var readings: [(tail: String, whole: String, target: [UInt8])] = []
        for candidate in WordConverter.candidates(of: tail, members: reader.alternativeMembers) {
            // Modern letters only, unless the reading has an older one (і, ѣ: a pre-1918 source).
            guard candidate.filter(signs.contains) == tailSigns, candidate.contains("ё") == tail.contains("ё"),
                  candidate.unicodeScalars.allSatisfy({ (0x0430...0x044F).contains($0.value) || $0 == "ё" || tail.unicodeScalars.contains($0) }),
                  nameSuffixes.contains(where: { candidate.hasSuffix($0) }) else { continue }
            let whole = head + candidate
            guard !Self.breaksRussianSpelling(whole), !whole.dropFirst().contains("э"), try writesBack(whole) else { continue }
            readings.append((candidate, whole, try romanizer.convert(whole).output))
        }
        let targets = Set(readings.map(\.target))
        if targets.count <= 1 { return targets.isEmpty ? .ambiguous : .name(cyrillic) }
        return settledByEnding(readings).map { .name(CaseShape(of: cyrillic).apply(to: $0)) } ?? .ambiguous
    }

    /// Of the readings of a word's end that give several target spellings (ц or
    /// тс, я or иа), the one whose ending the name list has in nine of every
    /// ten of its forms that end in any of them, and in ten forms or more
    /// (Krivitsky: -ицкий in 77 forms, -итский in 3; Syrtsov: -цов 73, -тсов 8,
    /// genitive plurals of foreign names); nil when the list does not settle
    /// it. The ending compared is each reading's end from the first letter
    /// where the readings differ (its last eight letters at most). Where one
    /// reading has й there and another и, the и reading's ending is counted
    /// only after a vowel, as й stands only there (Vainov: -йнов in 54 forms
    /// against -инов after a vowel, not -инов in 565 with every Ильинов).
    private func settledByEnding(_ readings: [(tail: String, whole: String, target: [UInt8])]) -> String? {
        guard let names, let first = readings.first else { return nil }
        var common = first.tail.count
        for reading in readings.dropFirst() {
            common = min(common, zip(first.tail, reading.tail).prefix { $0 == $1 }.count)
        }
        let differing = Set(readings.map { $0.tail.dropFirst(common).first })
        let shortIOrI = differing == ["й", "и"]
        let count = { (ending: String) -> Int in
            let found = self.endingCounts[ending] ?? names.count(endingWith: ending)
            self.endingCounts[ending] = found
            return found
        }
        // Each target spelling weighs as its reading whose ending the list has most.
        var best: [[UInt8]: (count: Int, whole: String)] = [:]
        for reading in readings {
            let ending = String(reading.tail.dropFirst(common))
            let forms = shortIOrI && ending.first == "и" && ending.count < 8
                ? "аеёиоуыэюя".reduce(0) { $0 + count(String($1) + ending) } : count(ending)
            if forms > best[reading.target]?.count ?? -1 { best[reading.target] = (forms, reading.whole) }
        }
        let total = best.values.reduce(0) { $0 + $1.count }
        guard let top = best.values.max(by: { $0.count < $1.count }), top.count >= 10, top.count * 10 >= total * 9 else { return nil }
        return top.whole
    }

    /// The least margin, in nats, by which the model's best reading must beat
    /// every reading with another target spelling: the least at which its best
    /// reading is the right one for 99 % of the name list's forms held out of
    /// it (`NameSpellingModel.isHeldOut`), written in `loc` and `popular` and
    /// read back (see rules/lexicon/README.md for the curve).
    package static let modelMargin = 5.0
    /// The least mean log probability per symbol of the model's best reading:
    /// what all but 1 % of the held-out forms reach (a garble, Khrushchcv, or
    /// a foreign word reads worse than nearly any Russian name).
    package static let modelFloor = -3.3

    /// The model's say on a capitalised word: the best reading, its target
    /// spelling, its margin over the best reading with another target spelling
    /// (infinity when there is none), and its mean log probability per symbol.
    package struct ModelChoice: Sendable {
        package var reading: String
        package var target: [UInt8]
        package var margin: Double
        package var perSymbol: Double
        /// True when ten forms of the name list or more end in the best
        /// reading's last two letters, as `settledByEnding` asks of an ending
        /// (the model backs off over an ending hardly any name has: Бельскы,
        /// loc's reading of Bel'sky, -кы in one form, Акы, scores as names in -ы do).
        package var endsAsNames: Bool
    }

    /// The gazetteer of `placeOfFormerUSSR`, loaded on first need.
    private func placeGazetteer() throws -> PlaceGazetteer {
        if let gazetteer { return gazetteer }
        let loaded = try PlaceGazetteer(library: library)
        gazetteer = loaded
        return loaded
    }

    /// Russian and English word frequencies (`frequencies`), loaded on first need.
    private func wordFrequencies() throws -> (russian: RussianWordList, english: RussianWordList) {
        if let frequencies { return frequencies }
        let loaded = (russian: try RussianWordList.loadDefaultFrequencies(library: library),
                      english: try RussianWordList.loadDefaultEnglishFrequencies(library: library))
        frequencies = loaded
        return loaded
    }

    /// The model learned from the whole name list, made on first need (nil
    /// without a name list, or with one too small, `NameSpellingModel.minimumForms`).
    private func model() throws -> NameSpellingModel? {
        if spellingModel == nil, let names, names.count >= NameSpellingModel.minimumForms { spellingModel = NameSpellingModel(names: names) }
        return spellingModel
    }

    /// The model learned from the whole name list, made on first need; or the one given here (held-out measurements).
    package func useSpellingModel(_ model: NameSpellingModel) { spellingModel = model }

    /// Scores the readings of a capitalised word with the name-spelling model.
    /// Its readings are those of the source scheme's alternatives from the
    /// scheme's most likely reading (`reading`), in modern letters, that break
    /// no Russian spelling (`breaksRussianSpelling`, no э inside the word),
    /// with no ё the source does not write (Russian print writes е), and that,
    /// written back in the source scheme, give the word again exactly; nil when
    /// there is no name list (or one too small to learn from, see
    /// `NameSpellingModel.minimumForms`), no such reading, or more than 512.
    package func modelReading(_ word: String, reading: [UInt8]) throws -> ModelChoice? {
        guard let model = try model() else { return nil }
        let base = String(decoding: reading, as: UTF8.self).lowercased()
        let source = Array(word.lowercased().utf8)
        guard let candidates = nameAlternatives(of: base, writesYo: base.contains("ё")), !candidates.isEmpty else { return nil }
        var best: (reading: String, target: [UInt8], score: Double, symbols: Int)?
        var bestByTarget: [[UInt8]: Double] = [:]
        for candidate in candidates {
            guard try sourceWriter.convert(candidate).output.elementsEqual(source), let score = model.score(candidate) else { continue }
            let target = try romanizer.convert(candidate).output
            if score.logProbability > bestByTarget[target] ?? -.infinity { bestByTarget[target] = score.logProbability }
            if score.logProbability > best?.score ?? -.infinity { best = (candidate, target, score.logProbability, score.symbols) }
        }
        guard let best else { return nil }
        let runnerUp = bestByTarget.filter { $0.key != best.target }.values.max() ?? -.infinity
        return ModelChoice(reading: best.reading, target: best.target, margin: best.score - runnerUp,
                           perSymbol: best.score / Double(best.symbols), endsAsNames: model.formsEnding(as: best.reading) >= 10)
    }

    /// The readings of the source scheme's alternatives from `base` (a lower-case
    /// reading) that a name may have: modern letters (ё only when `writesYo`),
    /// no broken Russian spelling (`breaksRussianSpelling`), no э inside; nil
    /// when there are 512 or more. A prefix is kept only when its beginning
    /// was: its last letters are checked (an option has four at most).
    private func nameAlternatives(of base: String, writesYo: Bool) -> [String]? {
        let keeping = { (prefix: String) -> Bool in
            let scalars = prefix.unicodeScalars
            let end = scalars.suffix(5)
            guard end.allSatisfy({ (0x0430...0x044F).contains($0.value) || ($0 == "ё" && writesYo) }) else { return false }
            if scalars.count <= 5 { return !Self.breaksRussianSpelling(prefix) && !prefix.dropFirst().contains("э") }
            return !end.contains("э") && !Self.breaksRussianSpelling(String(String.UnicodeScalarView(end)), from: 1)
        }
        let found = WordConverter.candidates(of: base, members: nameReader.alternativeMembers, keeping: keeping)
        return found.count < 512 ? found : nil
    }

    /// A capitalised word no list confirms, converted by the model's reading
    /// when the word is spelled as English names are not (a pattern of
    /// `russian-looking.yaml`'s `english-names`: kh or zh inside the word, -ov,
    /// -sky; or of its `name-model`: loc iu after a consonant before a
    /// surname's ending or as -iuk, Riutin, Khlevniuk; an initial ts before
    /// one, Tsaplin; the model says how Russian a reading looks, and English and
    /// other foreign names the broader patterns flag, Netley, Geikie, Frier,
    /// Yutaka, Miura, Tsunoda, read as plausible Russian names: Yurnin and
    /// Semiakin stay too), clears `modelMargin` and `modelFloor` and ends as names of the
    /// list end (`ModelChoice.endsAsNames`); nil otherwise, and for a
    /// word that ends as a possessive (Tivel's: its stem was read first; the
    /// model never makes its apostrophe a sign).
    private func modelResult(_ word: String, reading: [UInt8]) throws -> Result? {
        guard Self.possessiveEnding(of: Array(word.utf8)) == nil,
              Self.matches(englishNamePatterns, word) || Self.matches(modelNamePatterns, word),
              let choice = try modelReading(word, reading: reading), choice.margin >= Self.modelMargin,
              choice.perSymbol >= Self.modelFloor, choice.endsAsNames else { return nil }
        let cyrillic = CaseShape(of: word).apply(to: choice.reading)
        return Result(output: try romanizer.convert(ArraySlice(Array(cyrillic.utf8))).output, reason: .nameModel, reading: cyrillic)
    }

    /// What the ending of a reading says (see `nameBySuffix`).
    private enum SuffixEvidence {
        /// No name by its ending: the reading does not end so or is not the word's.
        case none
        /// A name, read so.
        case name(String)
        /// The word's reading ends so, but the scheme reads its end in ways that differ.
        case ambiguous
    }

    /// The schemes English prose mixes: editions spell one name in several
    /// (Yezhov and Ezhov in one book), as the name lexicon knows every spelling.
    /// One with letters outside ASCII only where they are written (`mayRead`).
    static let mixedSchemes = ["popular", "loc", "scholarly"]

    /// A capitalised word that its source scheme does not confirm, read in the
    /// other schemes of `mixedSchemes` (a popular Frinovsky or Yezhov in a loc
    /// text): each reading that the name list has as a nominative (a capital
    /// in its classes; never a case form alone, полей for Poley; never the word list: only
    /// names are mixed), as read or with one soft sign the edition dropped
    /// (`nameWithSign`: popular Belenky in a loc text, Беленький; loc
    /// Ulianova and Emelian in a popular one, Ульянова, Емельян), or that its
    /// ending confirms (`nameBySuffix`), written back in that scheme (signs
    /// aside for a sign added), counts; nil unless they all give one target
    /// spelling, or when a scheme finds several readings (of the word, of its
    /// ending, or with a sign). An ending counts only for a word spelled as
    /// another scheme alone spells (`spelledAsAnotherSchemeAlone`): by its
    /// ending alone, Cardova would be `scholarly` Цардова.
    private func nameOfAnotherScheme(_ word: String) throws -> Result? {
        var outputs = Set<[UInt8]>()
        var reason = Reason.confirmed
        var read: String?
        for other in try mixedReaders() {
            guard mayRead(word, as: other) else { continue }
            let reading = try other.reader.convert(word)
            if case .ambiguous = reading.reason { return nil }
            let lower = String(decoding: reading.output, as: UTF8.self).lowercased()
            let cyrillic: String
            if !Self.breaksRussianSpelling(lower), namesNominative(lower), try other.writer.convert(lower).output.elementsEqual(word.lowercased().utf8) {
                cyrillic = withNameYo(String(decoding: reading.output, as: UTF8.self))
            } else if let signed = try signedNameOfAnotherScheme(word, reading: reading.output, writer: other.writer) {
                guard let name = signed else { return nil }
                cyrillic = name
            } else {
                // An ending alone reads a word in another scheme only when it is spelled as that scheme spells.
                guard try spelledAsAnotherSchemeAlone(word) else { continue }
                switch try nameBySuffix(word, reading: reading.output, reader: other.reader, writer: other.writer) {
                case .name(let name):
                    cyrillic = name
                    reason = .nameSuffix
                case .ambiguous: return nil
                case .none: continue
                }
            }
            outputs.insert(try romanizer.convert(ArraySlice(Array(cyrillic.utf8))).output)
            read = read ?? cyrillic
        }
        guard outputs.count == 1, let output = outputs.first else { return nil }
        return Result(output: output, reason: reason, reading: read)
    }

    /// A converter like this one that also reads the whole document's word
    /// counts (a survey of the raw text made before the run), the evidence of
    /// `nameTheDocumentWrites`. It shares this one's tables, readers and
    /// lists, not its decisions (a word is decided again with the document's
    /// evidence); this one is left as it is.
    package func reading(_ survey: DocumentSurvey) -> ProseConverter { ProseConverter(copying: self, document: survey) }

    private init(copying other: ProseConverter, document: DocumentSurvey) {
        source = other.source
        target = other.target
        english = other.english
        side = other.side
        romanizer = other.romanizer
        nameSuffixes = other.nameSuffixes
        names = other.names
        library = other.library
        otherSchemes = other.otherSchemes
        firstNameSpellings = other.firstNameSpellings
        wordList = other.wordList
        spellings = other.spellings
        spellingsNeedingLetters = other.spellingsNeedingLetters
        acronyms = other.acronyms
        spellingModel = other.spellingModel
        endingCounts = other.endingCounts
        otherPatterns = other.otherPatterns
        otherOwnPatterns = other.otherOwnPatterns
        otherEnglishNamePatterns = other.otherEnglishNamePatterns
        gazetteer = other.gazetteer
        surnames = other.surnames
        worldNames = other.worldNames
        frequencies = other.frequencies
        headwords = other.headwords
        isOtherSource = other.isOtherSource
        self.document = document
    }

    /// A converter to `other`'s target that reads `source` (another scheme of
    /// `mixedSchemes`), sharing `other`'s lists, lexicon, tables and document.
    private init(otherSource source: String, of other: ProseConverter) throws {
        self.source = source
        target = other.target
        english = other.english
        names = other.names
        wordList = other.wordList
        library = other.library
        headwords = other.headwords
        side = try SourceSide(source, library: library, headwords: headwords, wordList: wordList, names: names)
        romanizer = other.romanizer
        nameSuffixes = other.nameSuffixes
        spellings = other.spellings
        spellingsNeedingLetters = other.spellingsNeedingLetters
        acronyms = other.acronyms
        spellingModel = other.spellingModel
        gazetteer = other.gazetteer
        surnames = other.surnames
        worldNames = other.worldNames
        frequencies = other.frequencies
        document = other.document
        isOtherSource = true
    }

    /// What a converter makes for its source scheme: the readers from it
    /// (plain, by the word list, by the word and name lists), the writer back
    /// into it, and its patterns of `russian-looking.yaml`, by section.
    private struct SourceSide {
        let reader, nameReader, initialReader, sourceWriter: WordConverter
        let patterns, englishNamePatterns, englishFirstNamePatterns: [NSRegularExpression]
        let modelNamePatterns, surnameListPatterns, namesOnlyPatterns: [NSRegularExpression]

        init(_ source: String, library: RuleLibrary, headwords: HeadwordLexicon, wordList: RussianWordList?,
             names: RussianWordList?) throws {
            reader = try WordConverter(from: source, to: "cyrillic", library: library, headwords: headwords, wordList: wordList)
            nameReader = try WordConverter(from: source, to: "cyrillic", library: library, headwords: headwords, wordList: wordList,
                                           names: names)
            initialReader = try WordConverter(from: source, to: "cyrillic", library: library, headwords: headwords, wordList: nil)
            sourceWriter = try WordConverter(from: "cyrillic", to: source, library: library, headwords: HeadwordLexicon(), wordList: nil)
            patterns = try ProseConverter.loadPatterns(library: library, scheme: source)
            englishNamePatterns = try ProseConverter.loadPatterns(library: library, scheme: source, section: "english-names")
            englishFirstNamePatterns = try ProseConverter.loadPatterns(library: library, scheme: source, section: "english-first-names")
            modelNamePatterns = try ProseConverter.loadPatterns(library: library, scheme: source, section: "name-model")
            surnameListPatterns = try ProseConverter.loadPatterns(library: library, scheme: source, section: "surname-list")
            namesOnlyPatterns = try ProseConverter.loadPatterns(library: library, scheme: source, section: "names-only")
        }
    }

    /// A capitalised word of ASCII letters that the source scheme cannot
    /// spell (its plain reading breaks Russian spelling,
    /// `breaksRussianSpelling`: popular Yagoda, Lubyanka read as loc are
    /// ыагода, лубыанка; the caller asks only of a word the lists do not read
    /// several ways), decided as a text in another scheme of `mixedSchemes`
    /// that can spell it would decide it, by the same lists, rules and
    /// evidence (an edition that writes loc keeps some names in the press's
    /// spelling), except that only names are mixed: a reading the lists
    /// confirm counts only when the name list has it as a nominative, never
    /// by the word list alone (Moya, Boye: моя, бое). Nil unless one such
    /// scheme converts it, or several do to one target spelling; when none
    /// does, the review result one of them gives (unconfirmed, ambiguous), if
    /// any, the word unchanged. Never asked of a word English writes in small
    /// letters, nor of one the source scheme can spell, so nothing the
    /// source's own rules leave is read another way.
    private func decidedAsAnotherSchemeReads(_ word: String) throws -> Result? {
        // A word English writes in small letters is no name in any scheme (Years).
        guard !isOtherSource, word.unicodeScalars.count >= 4,
              word.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic }), !english.contains(word.lowercased()) else { return nil }
        // The plain reading first (no list, one transliteration): most words break nothing there.
        let plain = String(decoding: try initialReader.convert(word).output, as: UTF8.self).lowercased()
        guard Self.breaksRussianSpelling(plain) else { return nil }
        var decided: Result?, review: Result?
        for other in try otherSourceConverters() {
            guard try mayRead(word, in: other.source) else { continue }
            // A scheme that cannot spell it either is not asked.
            let otherPlain = String(decoding: try other.initialReader.convert(word).output, as: UTF8.self).lowercased()
            if Self.breaksRussianSpelling(otherPlain) { continue }
            let result = try other.convertByListsAndDocument(word)
            // Only names are mixed: a reading the word list alone confirms (Moya: моя, Boye: бое) is no name's.
            guard result.reason.converts, result.reason != .confirmed || result.reading.map({ namesNominative($0.lowercased()) }) == true else {
                if result.reason.needsReview { review = review ?? result }
                continue
            }
            if let earlier = decided {
                guard earlier.output == result.output else { return review }
            } else {
                decided = result
            }
        }
        return decided ?? review
    }

    /// The converters of `decidedAsAnotherSchemeReads`, made on first need;
    /// the tables this one loads on need are loaded first, so that they share them.
    private func otherSourceConverters() throws -> [ProseConverter] {
        if let otherSources { return otherSources }
        _ = try placeGazetteer()
        _ = try loadedWorldNames()
        _ = try wordFrequencies()
        _ = try model()
        let made = try Self.mixedSchemes.filter { $0 != source }.map { try ProseConverter(otherSource: $0, of: self) }
        otherSources = made
        return made
    }

    /// A capitalised word the lists and rules leave (unconfirmed, ambiguous,
    /// or a proper noun of the English list), read as the Russian name the
    /// document itself writes in another scheme's spelling: an edition that
    /// writes Mikoyan and once Mikoian, Izvestia and Izvestiia, Iudin and
    /// Yudin, Nagorny and Nagornyi means Микоян, Известия, Юдин (not Иудин),
    /// Нагорный. Only for a word of ASCII letters, four or more, with no
    /// hyphen, never in the English list in lower case, that looks Russian in
    /// a scheme prose mixes (`russian-looking.yaml`); its readings are each
    /// scheme's (its best reading, or each it lists as ambiguous) in modern
    /// letters that break no Russian spelling, have no э inside, and written
    /// back in that scheme give the word again; a reading is attested when the
    /// document writes it, in the word's case, as another scheme of
    /// `mixedSchemes` spells it (four letters or more, not the word itself,
    /// not a word of the English list). All attested readings must give one
    /// target spelling; nil otherwise, and with no survey of the document.
    private func nameTheDocumentWrites(_ word: String) throws -> Result? {
        guard let document else { return nil }
        let shape = CaseShape(of: word)
        guard shape == .title || shape == .upper, word.unicodeScalars.count >= 4,
              word.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic }),
              !english.contains(word.lowercased()), try looksRussian(word) || looksRussianInAnotherScheme(word) else { return nil }
        let schemes = [(reader: nameReader, writer: sourceWriter)] + (try mixedReaders().filter { mayRead(word, as: $0) }).map { ($0.reader, $0.writer) }
        let given = word.lowercased()
        var readings = Set<String>()
        for (reader, writer) in schemes {
            let reading = try reader.convert(word)
            for candidate in Self.readings(of: reading) {
                let lower = candidate.lowercased()
                guard Self.isRussianLower(lower), !Self.breaksRussianSpelling(lower), !lower.dropFirst().contains("э"),
                      String(decoding: try writer.convert(lower).output, as: UTF8.self) == given else { continue }
                readings.insert(lower)
            }
        }
        var attested: [String] = []
        for reading in readings.sorted() {
            for (_, writer) in schemes {
                let spelling = String(decoding: try writer.convert(reading).output, as: UTF8.self)
                let written = shape.apply(to: spelling)
                guard spelling != given, spelling.unicodeScalars.count >= 4, !english.contains(spelling), !english.contains(written),
                      document.count(of: written) > 0 else { continue }
                attested.append(reading)
                break
            }
        }
        guard let first = attested.first, try Set(attested.map { try romanizer.convert($0).output }).count == 1 else { return nil }
        let cyrillic = withNameYo(shape.apply(to: first))
        return Result(output: try romanizer.convert(ArraySlice(Array(cyrillic.utf8))).output, reason: .documentSpelling, reading: cyrillic)
    }

    /// What the name list says of another scheme's reading of a word with a
    /// soft sign the edition dropped (`nameWithSign`): nil when it says nothing,
    /// .some(nil) when several variants give different spellings (the word is
    /// left), the one variant otherwise, when written back in that scheme it
    /// gives the word again, signs aside (loc Ul'ianova for Ulianova; popular
    /// writes none: Belenky).
    private func signedNameOfAnotherScheme(_ word: String, reading: [UInt8], writer: WordConverter) throws -> String?? {
        let lower = String(decoding: reading, as: UTF8.self).lowercased()
        guard !Self.breaksRussianSpelling(lower) else { return nil }
        switch try nameWithSign(word, reading: reading) {
        case .none: return nil
        case .ambiguous: return .some(nil)
        case .name(let name):
                let written = Self.lowercasedWithoutSigns(String(decoding: try writer.convert(name.lowercased().replacingOccurrences(of: "ё", with: "е")).output, as: UTF8.self))
            return written == Self.lowercasedWithoutSigns(word) ? .some(name) : nil
        }
    }

    /// The patterns of `russian-looking.yaml` for each scheme of `mixedSchemes` but the source, loaded on first need.
    private var otherPatterns: [[NSRegularExpression]]?

    /// True when the word looks Russian by the patterns of a scheme prose mixes other than the source.
    private func looksRussianInAnotherScheme(_ word: String) throws -> Bool {
        if otherPatterns == nil {
            otherPatterns = try Self.mixedSchemes.filter { $0 != source }.map {
                try Self.loadPatterns(library: library, scheme: $0) + Self.loadPatterns(library: library, scheme: $0, section: "names-only")
            }
        }
        return try otherPatterns.map { try zip(otherSchemeNames, $0).contains { try mayRead(word, in: $0.0) && Self.matches($0.1, word) } } == true
    }

    /// The patterns of `russian-looking.yaml` that are some scheme's own (not `all`), for each
    /// scheme of `mixedSchemes` but the source, loaded on first need.
    private var otherOwnPatterns: [[NSRegularExpression]]?

    /// True when the word is spelled as another scheme of `mixedSchemes` spells
    /// Russian words and the source does not: it matches a pattern of that
    /// scheme's own, not only one every scheme shares (Cardova's -ova alone
    /// makes no `scholarly` Цардова of it; Ulianova's ia, Starovoy's -oy do).
    private func spelledAsAnotherSchemeAlone(_ word: String) throws -> Bool {
        if otherOwnPatterns == nil {
            otherOwnPatterns = try Self.mixedSchemes.filter { $0 != source }.map {
                try Self.loadPatterns(library: library, scheme: $0, withShared: false)
                    + Self.loadPatterns(library: library, scheme: $0, section: "names-only", withShared: false)
            }
        }
        return try otherOwnPatterns.map { try zip(otherSchemeNames, $0).contains { try mayRead(word, in: $0.0) && Self.matches($0.1, word) } } == true
    }

    /// Another scheme of `mixedSchemes`: its reader (by the word and name
    /// lists), its writer, and its `slavicLatinLetters` (nil for most).
    private struct MixedScheme {
        let scheme: String
        let reader, writer: WordConverter
        let slavicLatinLetters: Set<Unicode.Scalar>?
    }

    /// The schemes of `mixedSchemes` but the source, made on first need.
    private func mixedReaders() throws -> [MixedScheme] {
        if let otherSchemes { return otherSchemes }
        let made = try otherSchemeNames.map { scheme in
            let writer = try WordConverter(from: "cyrillic", to: scheme, library: library, headwords: HeadwordLexicon(), wordList: nil)
            return MixedScheme(scheme: scheme,
                               reader: try WordConverter(from: scheme, to: "cyrillic", library: library, headwords: HeadwordLexicon(),
                                                         wordList: wordList, names: names),
                               writer: writer, slavicLatinLetters: try Self.slavicLatinLetters(writer: writer))
        }
        otherSchemes = made
        return made
    }

    /// The schemes of `mixedSchemes` but the source, in that order (the order of `mixedReaders` and the other patterns).
    private var otherSchemeNames: [String] { Self.mixedSchemes.filter { $0 != source } }

    /// Whether `word` may be read in `scheme`, another scheme of
    /// `mixedSchemes`. A Slavic-Latin scheme (`slavicLatinLetters`:
    /// `scholarly`) reads a word that writes one of its letters outside ASCII,
    /// and any word of a document that writes one somewhere (the survey's
    /// words); a text that never does is not spelled in it, and its ASCII
    /// words that such a scheme could read are other languages' (Nemcova,
    /// Marija, Cecilija stay; never Nemtsova, Mariia, Tsetsiliia). With no
    /// survey, only the word itself is evidence. Other schemes (`popular`,
    /// `loc`, and the source) read every word.
    private func mayRead(_ word: String, in scheme: String) throws -> Bool {
        guard let other = try mixedReaders().first(where: { $0.scheme == scheme }) else { return true }
        return mayRead(word, as: other)
    }

    /// `mayRead` in a scheme of `mixedReaders` at hand.
    private func mayRead(_ word: String, as scheme: MixedScheme) -> Bool {
        scheme.slavicLatinLetters.map { mayReadWithLetters(word, $0) } ?? true
    }

    /// True when `word` or the document writes one of `letters`.
    private func mayReadWithLetters(_ word: String, _ letters: Set<Unicode.Scalar>) -> Bool {
        word.unicodeScalars.contains(where: letters.contains) || !letters.isDisjoint(with: documentLetters())
    }

    /// The letters outside ASCII that the scheme `writer` writes for the
    /// Russian alphabet, capitals and small letters, when it writes ж, ч or ш
    /// with one (ž, č, š: `scholarly`, `iso9`). Such a scheme spells as Czech,
    /// Slovak, Croatian and Slovene do, and its spellings of ASCII letters
    /// alone (c for ц, j for й: Nemcova, Marija, Sergej) are those languages'
    /// names too. Nil for a scheme that writes those in ASCII (`popular`,
    /// `loc`, `bgn`, `alalc`: English prose carries their spellings anywhere).
    static func slavicLatinLetters(writer: WordConverter) throws -> Set<Unicode.Scalar>? {
        var letters = Set<Unicode.Scalar>(), sibilantsOutsideASCII = false
        for letter in "абвгдеёжзийклмнопрстуфхцчшщъыьэюя".unicodeScalars {
            for form in [String(letter), String(letter).uppercased()] {
                let outside = String(decoding: try writer.convert(form).output, as: UTF8.self).unicodeScalars.filter { !$0.isASCII }
                letters.formUnion(outside)
                if "жчш".unicodeScalars.contains(letter), !outside.isEmpty { sibilantsOutsideASCII = true }
            }
        }
        return sibilantsOutsideASCII ? letters : nil
    }

    /// Every scalar outside ASCII in the document's words (the survey's
    /// counts, read once); empty with no survey.
    private func documentLetters() -> Set<Unicode.Scalar> {
        if let scannedLetters { return scannedLetters }
        var letters = Set<Unicode.Scalar>()
        document?.forEachCount { key, _ in
            guard key.contains(where: { $0 >= 0x80 }) else { return }
            letters.formUnion(String(decoding: key, as: UTF8.self).unicodeScalars.filter { !$0.isASCII })
        }
        scannedLetters = letters
        return letters
    }

    /// `documentLetters`, once read.
    private var scannedLetters: Set<Unicode.Scalar>?

    /// True for a reading no Russian word is spelled like: one that starts with
    /// ы, ь or ъ, or with й before anything but a vowel, or has ы before a vowel, й
    /// after a consonant, or ь or ъ after a vowel, a sign or й. Such a
    /// reading comes from a word spelled in another scheme (popular Yelov read
    /// as loc: ыелов) or from a letter the scheme writes alike (loc i: и or й).
    static func breaksRussianSpelling(_ lower: String) -> Bool { breaksRussianSpelling(lower, from: 0) }

    /// The same test from the letter at `start` on (its pairs with the letter before it included; no test of the first letter).
    static func breaksRussianSpelling(_ lower: String, from start: Int) -> Bool {
        let vowels: Set<Character> = ["а", "е", "ё", "и", "о", "у", "ы", "э", "ю", "я"]
        let letters = Array(lower)
        guard let first = letters.first, start > 0 || !"ыьъ".contains(first) else { return true }
        // A word opens with й only before a vowel (йод, Йемен): loc's I before anything else
        // (a consonant, a sign, a hyphen) is и.
        if start == 0, first == "й", letters.count > 1, !vowels.contains(letters[1]) { return true }
        return zip(letters.dropFirst(max(start - 1, 0)), letters.dropFirst(max(start, 1))).contains { previous, letter in
            (previous == "ы" && vowels.contains(letter))
                || (letter == "й" && !vowels.contains(previous))
                || ((letter == "ь" || letter == "ъ") && (vowels.contains(previous) || previous == "ь" || previous == "ъ" || previous == "й"))
        }
    }

    /// The reading to write when several are confirmed, or nil when the
    /// evidence does not settle it: any of them when all give the same target
    /// spelling; for a capitalised word, the one reading the name list marks
    /// as a name's nominative singular (its classes have a capital letter:
    /// Михайлов, not the case form Михаилов) when it lists the others as case
    /// forms; of two nominative readings that differ
    /// only in a word-initial е or э (Евгений, Эвгений: OpenCorpora lists
    /// both), the one the Russian word list also has; of readings that are
    /// all surnames, patronymics or places, the one Russian text uses ten
    /// times as often (`settledByRussianText`). A reading that breaks
    /// Russian spelling (`breaksRussianSpelling`) is left out first, while
    /// another is left. Never a guess.
    private func settle(_ readings: [String], capitalised: Bool) throws -> String? {
        // A reading that breaks Russian spelling is a list's slip (OpenCorpora has
        // Йванович beside Иванович), no reading, while another is left.
        let spelled = readings.filter { !Self.breaksRussianSpelling($0.lowercased()) }
        let readings = spelled.isEmpty ? readings : spelled
        guard let first = readings.first else { return nil }
        let spellings = try Set(readings.map { try romanizer.convert($0).output })
        if spellings.count == 1 { return first }
        guard capitalised, let names else { return nil }
        let classes = readings.map { names.classes(of: $0.lowercased()) }
        let nominative = zip(readings, classes).filter { $0.1?.unicodeScalars.contains { $0.properties.isUppercase } == true }.map(\.0)
        // The others must be case forms the name list knows: a reading only the word
        // list has may be a word's nominative (Volya: воля, not the place Волья).
        if nominative.count == 1, classes.allSatisfy({ $0 != nil }) { return nominative[0] }
        if readings.count == 2, nominative.count == 2, let words = wordList, Self.differOnlyInInitialYe(nominative[0], nominative[1]) {
            let listed = nominative.filter { words.contains($0.lowercased()) }
            if listed.count == 1 { return listed[0] }
        }
        if nominative.count == 2, readings.count == 2, let short = Self.settledByFinalShortI(nominative) { return short }
        if nominative.count == readings.count, nominative.allSatisfy({ isNominativeName($0.lowercased()) }),
           let used = try settledByRussianText(nominative) { return used }
        return nil
    }

    /// Of readings that are all nominatives of surnames, patronymics or places
    /// of the name list (`isNominativeName`), the one Russian text
    /// (`lexicon/russian-frequencies.txt`) uses at least `attestedFloor` and
    /// `attestedMargin` more often than every reading with another target
    /// spelling (Михайлович 41, Михаилович 17; Моисеевич over Мойсеевич, which
    /// it never writes); nil otherwise. The caller asks only of such
    /// readings: a common word's form (воинов, the genitive of воин, beside
    /// the surname Войнов) has the word's frequency, and first names are the
    /// world's too (English Albina, Evelina, Tatyana: Альбина over Албина
    /// would give them a sign).
    private func settledByRussianText(_ readings: [String]) throws -> String? {
        let russianText = try wordFrequencies().russian
        var best: (reading: String, target: [UInt8], zipf: Int)?
        var bestByTarget: [[UInt8]: Int] = [:]
        for reading in readings {
            let zipf = russianText.zipfTimesTen(of: reading.lowercased()) ?? 0
            let target = try romanizer.convert(reading).output
            bestByTarget[target] = max(bestByTarget[target] ?? 0, zipf)
            if zipf > best?.zipf ?? 0 { best = (reading, target, zipf) }
        }
        guard let best, best.zipf >= Self.attestedFloor else { return nil }
        let runnerUp = bestByTarget.filter { $0.key != best.target }.values.max() ?? 0
        return best.zipf - runnerUp >= Self.attestedMargin ? best.reading : nil
    }

    /// True when two readings differ only in one letter, й in one and и in the other.
    static func differOnlyInShortI(_ a: String, _ b: String) -> Bool {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        guard a.count == b.count else { return false }
        let differences = a.indices.filter { a[$0] != b[$0] }
        return differences.count == 1 && Set([a[differences[0]], b[differences[0]]]) == ["й", "и"]
    }

    /// Of two readings that differ only in one letter, й in one and и in the
    /// other, after a vowel and at the word's end or before a vowel, the one
    /// with й (Андрей, not the plural Андреи, both nominatives in the name
    /// list): the scheme's i after a vowel there is й (loc Andrei, Nikolai;
    /// Russian writes и so in plurals and case forms, which a name in English
    /// prose is not). Nil for any other pair (Михаил and Михайл differ before
    /// a consonant, where the schemes read и as often as й).
    static func settledByFinalShortI(_ readings: [String]) -> String? {
        guard readings.count == 2 else { return nil }
        let a = Array(readings[0].lowercased()), b = Array(readings[1].lowercased())
        guard a.count == b.count else { return nil }
        let differences = a.indices.filter { a[$0] != b[$0] }
        guard differences.count == 1, let index = differences.first, index > 0 else { return nil }
        let vowels: Set<Character> = ["а", "е", "ё", "и", "о", "у", "ы", "э", "ю", "я"]
        guard Set([a[index], b[index]]) == ["й", "и"], vowels.contains(a[index - 1]),
              index + 1 == a.count || vowels.contains(a[index + 1]) else { return nil }
        return a[index] == "й" ? readings[0] : readings[1]
    }

    /// True when two readings differ only in their first letter, one е and the other э.
    static func differOnlyInInitialYe(_ a: String, _ b: String) -> Bool {
        let a = a.lowercased(), b = b.lowercased()
        guard let x = a.first, let y = b.first, Set([x, y]) == ["е", "э"] else { return false }
        return a.dropFirst() == b.dropFirst()
    }

    /// The readings with those starting in е before those starting in э: at the
    /// start of a word a lossy scheme's e is far more often е (listed first for review).
    static func yeFirst(_ readings: [String]) -> [String] {
        let startsWithE = { (reading: String) in reading.first.map { "эЭ".contains($0) } == true }
        return readings.filter { !startsWithE($0) } + readings.filter(startsWithE)
    }

    private func looksRussian(_ word: String) -> Bool { Self.matches(patterns, word) || Self.matches(namesOnlyPatterns, word) }

    static func matches(_ patterns: [NSRegularExpression], _ word: String) -> Bool {
        let range = NSRange(word.startIndex..., in: word)
        return patterns.contains { $0.firstMatch(in: word, range: range) != nil }
    }

    /// Whether `word`, which converts as no Russian word, can stay as it is
    /// beside the converted parts of one hyphenated name without the name
    /// coming out in two schemes: the English list has it (Smith, Ribbentrop:
    /// a name no scheme writes), or the target writes its plain reading as it
    /// stands (Ter). Bonch, which `scholarly` would write Bonč, cannot.
    public func staysBesideConvertedParts(_ word: ArraySlice<UInt8>) throws -> Bool {
        if english.contains(word) || english.contains(DocumentVocabulary.lowercased(word)) { return true }
        let plain = try romanizer.convert(ArraySlice(try initialReader.convert(word).output)).output
        return plain.elementsEqual(word)
    }

    /// Converts an initial ("Yu" of "Yu. V. Andropov") when it reads back as one
    /// Cyrillic letter; nil otherwise.
    public func convertInitial(_ letters: ArraySlice<UInt8>) throws -> [UInt8]? {
        let cyrillic = try initialReader.convert(letters).output
        guard String(decoding: cyrillic, as: UTF8.self).unicodeScalars.count == 1 else { return nil }
        return try romanizer.convert(ArraySlice(cyrillic)).output
    }
}
