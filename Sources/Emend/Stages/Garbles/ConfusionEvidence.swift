import Foundation

/// Whether a document makes one OCR confusion systematically, from its own
/// counts: a confusion a page makes (newspaper OCR that reads "e" as "o")
/// shows in the commonest words ("tho" beside "the", "aro" beside "are"),
/// while a book that merely spells old words its own way ("houre", "hee")
/// damages none of them.
///
/// The test: over the common English words that hold the confusion's `meant`
/// letters, `uses` counts the document's uses of those words and `damaged`
/// the uses of the forms the confusion makes of them that are no word of the
/// English list or the name lexicon. Under the null hypothesis that such a
/// form arises by other causes (a typo, an old spelling, a foreign word) at
/// most once in `backgroundRate⁻¹` uses, `damaged` is Poisson with mean
/// `(uses + damaged) × backgroundRate`; the document makes the confusion when
/// at least `minimumDamaged` uses are damaged and their one-sided Poisson
/// tail probability is below `significance`. The damaged uses must be fewer
/// than the right ones, and a word whose damaged form the document repeats
/// without ever writing the word right is left out: OCR misreads a letter now
/// and then, while a form a document always uses ("houre" twice in a book with
/// no "house") is its spelling. Never changes text.
enum ConfusionEvidence {
    static let backgroundRate = 0.002
    static let significance = 0.001
    static let minimumDamaged = 2

    /// The counts behind the decision, for tests and reports.
    struct Tally: Equatable {
        var uses = 0
        var damaged = 0

        /// Counts one common word's uses and damaged uses, but a form the document
        /// repeats and never writes right, which is its spelling ("houre" twice in
        /// a book with no "house"): OCR misreads now and then.
        mutating func add(uses: Int, damaged: Int) {
            if uses == 0 && damaged >= 2 { return }
            self.uses += uses
            self.damaged += damaged
        }

        /// The share of the counted uses that are damaged: how often the
        /// document makes the confusion where it could.
        var damageRate: Double { uses + damaged > 0 ? Double(damaged) / Double(uses + damaged) : 0 }
    }

    static func isMade(_ confusion: GarbleRules.Confusion, in survey: DocumentSurvey, english: EnglishWordList, names: WordTable) -> Bool {
        isSystematic(tally(confusion, in: survey, english: english, names: names))
    }


    /// The test itself: enough damaged uses, fewer than the right ones, and too
    /// many for the background rate.
    static func isSystematic(_ tally: Tally) -> Bool {
        tally.damaged >= minimumDamaged && tally.damaged < tally.uses
            && poissonTail(atLeast: tally.damaged, mean: Double(tally.uses + tally.damaged) * backgroundRate) < significance
    }

    static func tally(_ confusion: GarbleRules.Confusion, in survey: DocumentSurvey, english: EnglishWordList, names: WordTable) -> Tally {
        tally(ConfusionForms(confusion, english: english, names: names), in: survey)
    }

    /// The tally over the common words the confusion changes, each with its
    /// forms that no list has (`ConfusionForms`).
    static func tally(_ forms: ConfusionForms, in survey: DocumentSurvey) -> Tally {
        var tally = Tally()
        for index in forms.words.indices {
            let uses = survey.count(of: forms.word(index))
            var damaged = 0
            for form in forms.words[index].forms { damaged += survey.count(of: forms.form(Int(form))) }
            tally.add(uses: uses, damaged: damaged)
        }
        return tally
    }

    /// The tally of the uses and damaged uses of each word, keyed alike.
    static func tally<Word: Hashable>(uses: [Word: Int], damaged: [Word: Int]) -> Tally {
        var tally = Tally()
        for word in Set(uses.keys).union(damaged.keys) { tally.add(uses: uses[word] ?? 0, damaged: damaged[word] ?? 0) }
        return tally
    }

    /// P(X ≥ k) for X Poisson with the given mean.
    static func poissonTail(atLeast k: Int, mean: Double) -> Double {
        guard k > 0 else { return 1 }
        var term = exp(-mean), below = 0.0
        for i in 0..<k {
            below += term
            term *= mean / Double(i + 1)
        }
        return max(0, 1 - below)
    }
}

/// The commonest English words (the smallest SCOWL size of the English word
/// list), lower case, made once per process.
final class CommonWords: Sendable {
    let words: [[UInt8]]
    /// For each word, the small letters it holds (bit 0 for `a`, 25 for `z`).
    private let letters: [UInt32]

    static let shared = CommonWords(english: .builtIn, largestTier: sharedLargestTier)
    static let sharedLargestTier: UInt8 = 10

    init(english: EnglishWordList, largestTier: UInt8 = CommonWords.sharedLargestTier) {
        var words: [[UInt8]] = []
        // Each word read where it lies; only the few kept are copied.
        english.forEachInPlace(tiersUpTo: largestTier) { word, _ in
            if Self.isSmallLetters(word) {
                words.append(Array(word))
            }
        }
        self.words = words.sorted { $0.lexicographicallyPrecedes($1) }
        letters = self.words.map { $0.reduce(0) { $0 | 1 << UInt32($1 - UInt8(ascii: "a")) } }
    }

    /// Whether `word` is one of `shared`'s words, asked of the English list
    /// itself: nothing is built (a run over one page needs a few hundred answers).
    static func isCommonWord(_ word: UnsafeRawBufferPointer) -> Bool {
        isSmallLetters(word) && (EnglishWordList.builtIn.tier(of: word) ?? .max) <= sharedLargestTier
    }

    /// Two small letters or more and nothing else: the words kept.
    private static func isSmallLetters<Bytes: Collection<UInt8>>(_ word: Bytes) -> Bool {
        word.count >= 2 && word.allSatisfy { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }
    }

    /// False when the word at `index` cannot hold `byte` (every word is
    /// small letters alone): a confusion passes by the words without its letters.
    func mayHold(_ byte: UInt8, at index: Int) -> Bool {
        byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") && letters[index] & 1 << UInt32(byte - UInt8(ascii: "a")) != 0
    }
}

/// The part of the confusion test that is the same for every document: for
/// each common word a confusion changes, the forms it makes of it ("the"
/// with `e` read as `o`: "tho") that neither the English list nor the name
/// lexicon has. Made once per stage (`GarbleRepair.Context.confusionIndex`)
/// and shared by its copies, so a run over many files tests each only
/// against its own counts (a one-page file used to spend most of its time
/// here). Never changes text.
struct ConfusionForms: Sendable {
    /// The words and forms, one after another.
    private var bytes: [UInt8] = []
    /// Each common word the confusion changes: where it lies in `bytes`, and its forms (indices into `formPlaces`).
    private(set) var words: [(start: Int32, length: Int32, forms: Range<Int32>)] = []
    private var formPlaces: [(start: Int32, length: Int32)] = []

    /// Every common word with a form the confusion makes of it (the word with
    /// `meant` read as `read`), and those of its forms no list has.
    init(_ confusion: GarbleRules.Confusion, english: EnglishWordList, names: WordTable) {
        let making = GarbleRules.Confusion(read: confusion.meant, meant: confusion.read, rule: confusion.rule)
        let common = CommonWords.shared
        for (index, word) in common.words.enumerated() {
            if let first = making.read.first, !common.mayHold(first, at: index) { continue }
            // Each form made in a buffer on the stack; only those no list has are copied.
            var hasForms = false
            let firstForm = Int32(formPlaces.count)
            word.withUnsafeBufferPointer { word in
                making.forEachCandidate(undoingIn: word) { variant in
                    hasForms = true
                    guard !english.contains(variant), !names.contains(UnsafeRawBufferPointer(variant)) else { return }
                    formPlaces.append((Int32(bytes.count), Int32(variant.count)))
                    bytes.append(contentsOf: variant)
                }
            }
            guard hasForms else { continue }
            words.append((Int32(bytes.count), Int32(word.count), firstForm..<Int32(formPlaces.count)))
            bytes += word
        }
    }

    func word(_ index: Int) -> ArraySlice<UInt8> {
        let place = words[index]
        return bytes[Int(place.start)..<Int(place.start + place.length)]
    }

    func form(_ index: Int) -> ArraySlice<UInt8> {
        let place = formPlaces[index]
        return bytes[Int(place.start)..<Int(place.start + place.length)]
    }
}

/// The tallies of several confusions over one document, found one of three
/// ways, which all give the same tallies (`tallies(in:)` picks): each common
/// word and form looked up in the document's counts (a long document: the
/// confusions make some ninety thousand words and forms); each word of the
/// document's counts read back through each confusion (the first short one:
/// a page has a few hundred words, and nothing is built); each word of the
/// document's counts looked up among the words and forms, made once (later
/// short ones, as in a batch of pages). Read only once made.
struct ConfusionIndex: Sendable {
    let confusions: [GarbleRules.Confusion]
    let english: EnglishWordList
    let names: WordTable
    /// Per confusion, its common words and their forms (some ninety thousand
    /// look-ups): made when a long document or a second short one asks.
    private let madeEntries = MadeOnce<[ConfusionForms]>()
    /// The words and forms by key, for the second way: made when a second
    /// short document asks (making it costs about what one short document's
    /// tallies cost the first way).
    private let byKey = MadeOnce<WordsAndForms>()
    private let shortDocuments = SharedCounter()
    /// A document with fewer distinct words and pairs than this is short.
    static let shortDocumentEntries = 8192

    init(confusions: [GarbleRules.Confusion], english: EnglishWordList, names: WordTable) {
        self.confusions = confusions
        self.english = english
        self.names = names
    }

    var entries: [ConfusionForms] { madeEntries.get { confusions.map { ConfusionForms($0, english: english, names: names) } } }

    /// Each confusion's tally in the document `survey` counted, the cheapest
    /// way: a long document looks up the common words and forms in its counts;
    /// the first short one reads each of its words back through each confusion
    /// (a run over one page makes no table at all); later short ones look their
    /// words up among the words and forms, made once.
    func tallies(in survey: DocumentSurvey) -> [ConfusionEvidence.Tally] {
        guard survey.entryCount < Self.shortDocumentEntries else {
            return madeEntries.made == nil ? talliesCountingFormsFirst(survey) : talliesFromTheWords(survey)
        }
        return shortDocuments.increment() == 1 ? talliesReadBack(survey) : talliesFromTheDocument(survey)
    }

    /// Each common word and form looked up in the document's counts.
    func talliesFromTheWords(_ survey: DocumentSurvey) -> [ConfusionEvidence.Tally] {
        entries.map { ConfusionEvidence.tally($0, in: survey) }
    }

    /// The same, with no table of forms made: each form is looked up in the
    /// document's counts as it is made, and the lists are asked only of a
    /// form the document has (most forms are in no document), each common
    /// word's count once for all confusions. The same tallies as
    /// `talliesFromTheWords`; for a long document when the table is not made.
    func talliesCountingFormsFirst(_ survey: DocumentSurvey) -> [ConfusionEvidence.Tally] {
        let common = CommonWords.shared
        var wordCounts = [Int](repeating: -1, count: common.words.count)
        var tallies: [ConfusionEvidence.Tally] = []
        // Each form made in one array, kept: no closure holds the document's counts (a copy each).
        var form: [UInt8] = []
        form.reserveCapacity(128)
        for confusion in confusions {
            // The forms write `confusion.read` where the word has `confusion.meant` (`GarbleRules.Confusion.forEachCandidate`).
            let (meant, read) = (confusion.meant, confusion.read)
            var tally = ConfusionEvidence.Tally()
            for index in common.words.indices {
                if let first = meant.first, !common.mayHold(first, at: index) { continue }
                let word = common.words[index]
                guard meant.count <= word.count else { continue }
                var hasForms = false, damaged = 0
                for start in 0...(word.count - meant.count) {
                    var matched = 0
                    while matched < meant.count && word[start + matched] == meant[matched] { matched += 1 }
                    guard matched == meant.count else { continue }
                    hasForms = true
                    form.removeAll(keepingCapacity: true)
                    form += word[..<start]
                    form += read
                    form += word[(start + meant.count)...]
                    let count = survey.count(of: form[...])
                    guard count > 0, !english.contains(form[...]), !names.contains(form[...]) else { continue }
                    damaged += count
                }
                guard hasForms else { continue }
                if wordCounts[index] < 0 { wordCounts[index] = survey.count(of: word[...]) }
                tally.add(uses: wordCounts[index], damaged: damaged)
            }
            tallies.append(tally)
        }
        return tallies
    }

    /// Each word of the document's counts read as a common word (a use), or as
    /// a form a confusion makes of one, written back by the confusion at each
    /// place it could have struck (a damaged use, when no list has the form):
    /// the same tallies as `talliesFromTheWords` without the table of forms.
    func talliesReadBack(_ survey: DocumentSurvey) -> [ConfusionEvidence.Tally] {
        let folded = confusions.map { Array($0.read.map(DocumentVocabulary.lowercased)) }
        var uses = [[[UInt8]: Int]](repeating: [:], count: confusions.count)
        var damaged = uses
        survey.forEachCount { key, count in
            guard !key.contains(0x20) else { return }
            let isCommon = CommonWords.isCommonWord(key)
            for (index, confusion) in confusions.enumerated() {
                // A common word counts where the confusion could strike it (it holds the meant letters).
                if isCommon, confusion.meant.isEmpty || Self.find(confusion.meant[...], in: key, from: 0) != nil {
                    uses[index][Array(key), default: 0] += count
                }
                let read = folded[index]
                guard !read.isEmpty, read.count <= key.count else { continue }
                var start = 0
                while let place = Self.find(read[...], in: key, from: start) {
                    start = place + 1
                    // The word asked of the list where it is made, on the stack: most are none.
                    let length = key.count - read.count + confusion.meant.count
                    guard length <= 64, withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, length), { buffer in
                        var next = 0
                        for byte in key[..<place] { buffer[next] = byte; next += 1 }
                        for byte in confusion.meant { buffer[next] = byte; next += 1 }
                        for byte in key[(place + read.count)...] { buffer[next] = byte; next += 1 }
                        return CommonWords.isCommonWord(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[0..<length]))
                    }) else { continue }
                    let word = Array(key[..<place]) + confusion.meant + Array(key[(place + read.count)...])
                    // The form as the confusion writes it (its letters as the rule has them), not in a list.
                    let form = Array(key[..<place]) + confusion.read + Array(key[(place + read.count)...])
                    guard !form.withUnsafeBufferPointer({ english.contains($0) }),
                          !form.withUnsafeBytes({ names.contains($0) }) else { continue }
                    damaged[index][word, default: 0] += count
                }
            }
        }
        return confusions.indices.map { ConfusionEvidence.tally(uses: uses[$0], damaged: damaged[$0]) }
    }

    /// The first place at or after `from` where `needle` stands in `haystack`.
    private static func find(_ needle: ArraySlice<UInt8>, in haystack: UnsafeRawBufferPointer, from: Int) -> Int? {
        guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
        var start = from
        while start + needle.count <= haystack.count {
            var matched = 0
            while matched < needle.count && haystack[start + matched] == needle[needle.startIndex + matched] { matched += 1 }
            if matched == needle.count { return start }
            start += 1
        }
        return nil
    }

    /// Each word of the document's counts looked up among the words and forms.
    func talliesFromTheDocument(_ survey: DocumentSurvey) -> [ConfusionEvidence.Tally] {
        let entries = entries
        let byKey = byKey.get { WordsAndForms(entries) }
        var uses = [[Int32: Int]](repeating: [:], count: entries.count)
        var damaged = uses
        survey.forEachCount { key, count in
            guard !key.contains(0x20) else { return }
            byKey.forEachPosting(of: key) { posting in
                if posting.isForm {
                    damaged[Int(posting.confusion)][posting.entry, default: 0] += count
                } else {
                    uses[Int(posting.confusion)][posting.entry, default: 0] += count
                }
            }
        }
        return entries.indices.map { ConfusionEvidence.tally(uses: uses[$0], damaged: damaged[$0]) }
    }

    /// Every common word and form of the confusions, by the key the survey
    /// counts it under (ASCII capitals folded; nothing past 64 bytes).
    struct WordsAndForms: Sendable {
        typealias Posting = (confusion: Int32, entry: Int32, isForm: Bool)
        /// A key → its index; its postings are `postings[starts[index]..<starts[index + 1]]`.
        private var keys = ByteStringTable<Int32>(capacity: 1 << 16)
        /// Where each key counts (once per form that is that key), grouped by key.
        private var postings: [Posting] = []
        private var starts: [Int32] = []

        init(_ entries: [ConfusionForms]) {
            // Each key's postings counted, then placed in one array by key.
            var filed: [(key: Int32, posting: Posting)] = []
            func post(_ word: ArraySlice<UInt8>, _ posting: Posting) {
                guard word.count <= 64 else { return }
                let folded = word.map(DocumentVocabulary.lowercased)
                let next = Int32(keys.count)
                let index = folded.withUnsafeBytes { keys.entry(for: $0, initial: next) }
                filed.append((keys[entry: index], posting))
            }
            for (confusion, forms) in entries.enumerated() {
                for entry in forms.words.indices {
                    post(forms.word(entry), (Int32(confusion), Int32(entry), false))
                    for form in forms.words[entry].forms { post(forms.form(Int(form)), (Int32(confusion), Int32(entry), true)) }
                }
            }
            starts = [Int32](repeating: 0, count: keys.count + 1)
            for item in filed { starts[Int(item.key) + 1] += 1 }
            for index in 0..<keys.count { starts[index + 1] += starts[index] }
            var next = starts
            postings = [Posting](repeating: (0, 0, false), count: filed.count)
            for item in filed {
                postings[Int(next[Int(item.key)])] = item.posting
                next[Int(item.key)] += 1
            }
        }

        func forEachPosting(of key: UnsafeRawBufferPointer, _ body: (Posting) -> Void) {
            guard let entry = keys.index(of: key) else { return }
            let index = Int(keys[entry: entry])
            for posting in postings[Int(starts[index])..<Int(starts[index + 1])] { body(posting) }
        }
    }
}

/// A value made once, on first use, and shared by the copies of the stage
/// that holds it; guarded by a lock.
final class MadeOnce<Value>: @unchecked Sendable {
    private var value: Value?
    private let lock = NSLock()

    init() {}

    /// The value, when made; nil before.
    var made: Value? {
        lock.lock()
        defer { lock.unlock() }
        return value
    }

    func get(_ make: () -> Value) -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let value { return value }
        let made = make()
        value = made
        return made
    }
}

/// A count shared by the copies of a stage, guarded by a lock.
final class SharedCounter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    init() {}

    /// Adds one, and gives the count.
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
