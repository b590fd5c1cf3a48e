import Foundation

/// The furniture of one book, learned from what its page edges repeat
/// (`PageSurvey`): the title keys of its running heads and feet, and the
/// offset that turns a page's index into its folio.
///
/// Decides one line at a page edge; `FurnitureFinder` says where the edges are.
/// Changes nothing itself.
struct LearnedFurniture {
    /// Title keys that stand at the edges of at least three pages.
    private var heads: Set<ByteKey> = []
    private var headList: [[UInt8]] = []
    /// Learned heads the book prints without a folio: on three pages or
    /// more, on at least half the pages that carry them, and on a quarter of
    /// all its pages (a signature or a speaker's name at some page tops is none).
    private var headsWithoutFolio: Set<ByteKey> = []
    /// Learned heads that stood at the edges of fewer than `minimumPages`
    /// pages (learned where they stood beside their page's folio): without
    /// a folio such a title is a chapter's or a section's own, printed once
    /// over its text, as likely as a head.
    private var headsOnFewPages: Set<ByteKey> = []
    /// Folio minus page index, when the pages agree on it.
    private(set) var folioOffset: Int?
    /// Roman folio minus page index, when front matter's pages agree on it.
    private(set) var romanOffset: Int?
    /// True when the book prints its folio alone at the foot of its pages
    /// (`PageSurvey.footIsFolioPlace`): a lone number there is the folio,
    /// though OCR misread a digit ("19" for 12).
    private(set) var footIsFolioPlace = false
    /// True when the stage should look for furniture at page edges: the
    /// document marks its pages (form feeds, page separator lines), or its
    /// runs of blank lines end pages of a book's length that repeat a head.
    private(set) var marksPages = false
    /// True when only runs of blank lines end the pages.
    private(set) var pagesEndAtBlankRuns = false
    /// True when only runs of blank lines end the pages and no folio rises
    /// with them: they may part sections as well as pages, so only heads
    /// with their folio, and folios, are taken.
    private(set) var pagesAreUncertain = false
    /// True when a survey found the document's runs of blank lines closer
    /// than a page apart: they part sections, poems or letters, so a run of
    /// blank lines beside a line is no evidence of a page's edge.
    private(set) var blankRunsPartSections = false

    /// Pages a title must head (or foot) before it is taken for furniture.
    static let minimumPages = 3
    /// The fewest lines of text a page of a book has, in the middle: runs of
    /// blank lines closer than that part sections, poems or letters, not pages.
    static let minimumPageLength = 15

    init() {}

    /// Learns from `survey`; a title key `isContent` accepts is never a head
    /// (the "document" of "Document 1", "Document 2").
    init(_ survey: PageSurvey, isContent: ([UInt8]) -> Bool = { _ in false }) {
        headList = survey.learnedHeads(minimumPages: Self.minimumPages).filter { !isContent($0) }
        heads = Set(headList.map(ByteKey.init))
        headsByLength = Dictionary(grouping: headList, by: \.count)
        let pages = max(1, survey.pageCount)
        // Each head's pages counted once (a pass over all the survey's keys), read by both sets.
        let tallies = headList.map(survey.pages(of:))
        headsWithoutFolio = Set(zip(headList, tallies).filter { _, tally in
            tally.withoutFolio >= Self.minimumPages && tally.withoutFolio * 2 >= tally.all && tally.all * 4 >= pages
        }.map { ByteKey($0.0) })
        headsOnFewPages = Set(zip(headList, tallies).filter { $0.1.all < Self.minimumPages }.map { ByteKey($0.0) })
        folioOffset = survey.folioOffset
        romanOffset = survey.romanOffset
        footIsFolioPlace = folioOffset.map(survey.footIsFolioPlace) ?? false
        pagesEndAtBlankRuns = survey.pagesEndAtBlankRuns
        marksPages = pagesEndAtBlankRuns
            ? (!headList.isEmpty || folioOffset != nil) && survey.medianPageLength >= Self.minimumPageLength
            : survey.separators >= 2
        blankRunsPartSections = pagesEndAtBlankRuns && survey.pageCount >= 4 && survey.medianPageLength < Self.minimumPageLength
        pagesAreUncertain = pagesEndAtBlankRuns && folioOffset == nil
    }

    /// The learned head `key` is, or OCR's variant of, if any: remembered
    /// per key, and compared only with heads of a length within reach.
    func head(_ key: [UInt8]) -> [UInt8]? {
        guard key.count >= 3 else { return nil }
        if heads.contains(ByteKey(key)) { return key }
        let tolerance = PageSurvey.tolerance(key.count)
        guard tolerance > 0 else { return nil }
        if let known = variants.value(for: key) { return known.head }
        var found: [UInt8]?
        for length in (key.count - tolerance)...(key.count + tolerance) {
            found = headsByLength[length]?.first { EdgeLine.distance($0, key, limit: tolerance) != nil }
            if found != nil { break }
        }
        variants.store(found, for: key)
        return found
    }

    /// The learned heads by their length in bytes.
    private var headsByLength: [Int: [[UInt8]]] = [:]
    /// What `head(_:)` found for the keys it was asked about (bounded).
    private let variants = VariantCache()

    /// A memo of keys and the learned head each is a variant of: a reference,
    /// so that deciding (which changes nothing) can remember; at most 4,096 keys.
    final class VariantCache: @unchecked Sendable {
        private var found: [ByteKey: [UInt8]?] = [:]
        private let lock = NSLock()

        func value(for key: [UInt8]) -> (head: [UInt8]?, Void)? {
            lock.lock(); defer { lock.unlock() }
            return found[ByteKey(key)].map { ($0, ()) }
        }

        func store(_ head: [UInt8]?, for key: [UInt8]) {
            lock.lock(); defer { lock.unlock() }
            if found.count >= 4096 { found.removeAll() }
            found[ByteKey(key)] = .some(head)
        }
    }

    /// True when `key` is a learned head with one to three letters more at
    /// its start or end: a folio OCR read as letters, where a chapter's
    /// title, printed like its head, has none.
    func headWithGarbledFolio(_ key: [UInt8]) -> Bool {
        for extra in 1...3 where key.count - extra >= 3 {
            for trimmed in [Array(key.dropFirst(extra)), Array(key.dropLast(extra))] {
                guard let head = head(trimmed) else { continue }
                // The letters cut off must bring the key nearer its head: "ppendix..." is no head with a folio.
                let limit = PageSurvey.tolerance(head.count) + extra
                let whole = EdgeLine.distance(head, key, limit: limit) ?? limit + 1
                if (EdgeLine.distance(head, trimmed, limit: limit) ?? limit + 1) < whole { return true }
            }
        }
        return false
    }

    /// True when the book prints some head without a folio on a quarter of its pages or more.
    var printsHeadsWithoutFolio: Bool { !headsWithoutFolio.isEmpty }

    /// True when the learned head `head` is one the book prints without a folio.
    func printsWithoutFolio(_ head: [UInt8]) -> Bool { headsWithoutFolio.contains(ByteKey(head)) }

    /// The folio page `index` should carry, when the book's folios are known.
    func expectedFolio(page index: Int) -> Int? { folioOffset.map { index + $0 } }

    /// Where a line stands on its page, as the stage sees it.
    struct Context {
        /// Before any text of its page (else at its foot).
        var atTop: Bool
        /// Only blank lines between it and the page's end.
        var lastOnPage: Bool
        /// The nearest line of text before or after it is a number (a table's column).
        var amongNumbers: Bool
        /// Its shape is a title's (`FurnitureRules.looksLikeTitle`), and it ends in no ", 17" of an index.
        var titleLike: () -> Bool
        /// Two thirds of the pages before this one had furniture at their top.
        var headsEveryPage: Bool
        /// The page goes on mid-sentence below it: no chapter starts there.
        var goesOn: () -> Bool
        /// The text before the page break ends in no sentence's end: the
        /// paragraph runs on over the page, so no chapter starts there either.
        var previousPageRunsOn: Bool
        /// True the first time the stage meets a learned head at a page's top.
        var firstSighting: ([UInt8]) -> Bool
        /// At the foot, the page's very last line (no scrap after it).
        var lastLineOfPage = false
    }

    /// True when `edge` is a learned head of two words or more beside the very
    /// folio its page expects, printed as digits: evidence enough that a
    /// line shaped like a note ("10. Papers on Language") is the page's foot.
    func isHeadWithItsFolio(_ edge: EdgeLine, page index: Int) -> Bool {
        guard let folio = edge.folio, edge.folioIsExact, folio == expectedFolio(page: index),
              edge.titleWords >= 2, edge.key.count >= 12 else { return false }
        return head(edge.key) != nil
    }

    /// What a line standing apart at a page's edge is, or nil (the stage's
    /// other tests still apply):
    /// - a folio alone that its page expects (also damaged: "l6", "17" for
    ///   117), the last line of its page or before its text, not among numbers;
    /// - a title the book's edges repeat, with a folio; at the top without
    ///   one where the book prints it so (not the first time, unless the page
    ///   goes on mid-sentence: a chapter's title printed like its head stands
    ///   once, before its heads), or where the page goes on mid-sentence;
    ///   with a folio OCR read as letters;
    /// - a title with the folio its page expects (at the foot not opening the
    ///   line like a footnote's number: "14 Ibid.").
    func furniture(_ edge: EdgeLine, page index: Int, _ context: Context) -> FurnitureKind? {
        let expected = expectedFolio(page: index)
        let title = String(decoding: edge.key, as: UTF8.self)
        // Front matter's roman folio, alone or beside a learned head, where the pages expect it.
        if let roman = edge.romanFolio, roman == romanOffset.map({ index + $0 }), !context.amongNumbers,
           context.atTop || context.lastOnPage {
            if edge.key.isEmpty { return .folio(roman) }
            if head(edge.key) != nil { return .learnedHead(title: title) }
        }
        if edge.isLoneFolio {
            guard let folio = edge.folio, let expected, !context.amongNumbers, context.atTop || context.lastOnPage else { return nil }
            if edge.folioMatches(expected) { return .folio(folio) }
            // At the foot where the book prints its folio alone, a number of the folio's length is the folio misread.
            if footIsFolioPlace, context.lastLineOfPage, edge.folioText.count == String(expected).count { return .folio(folio) }
            return nil
        }
        if let head = head(edge.key) {
            // With the book's folios known, a head's number is its page's ("1 Ibid." on page 101 is a note).
            if let folio = edge.folio,
               expected.map({ edge.folioMatches($0, allowingOneDigitLeft: true) }) ?? (context.atTop || !edge.folioMayBeAReference) {
                return .runningHead(number: folio, title: title)
            }
            // Without a folio (a number beside it that is not its page's is its title's: "Plenum, March 3"),
            // it must read like a title: a body line repeated at page tops is none.
            if edge.folio == nil || expected != nil, !pagesAreUncertain, !headsOnFewPages.contains(ByteKey(head)), context.atTop, context.titleLike() {
                let printedSo = headsWithoutFolio.contains(ByteKey(head)) || (context.headsEveryPage && context.titleLike())
                if printedSo && (!context.firstSighting(head) || context.previousPageRunsOn) || context.goesOn() {
                    return .learnedHead(title: title)
                }
            }
        }
        guard !pagesAreUncertain else { return nil }
        // A folio OCR read as letters ("Infancy and Schooldays B", "av My Life as an Author").
        if edge.folio == nil, headWithGarbledFolio(edge.key) { return .learnedHead(title: title) }
        if let folio = edge.folio, let expected, context.atTop || !edge.folioMayBeAReference, context.titleLike(),
           edge.folioMatches(expected), edge.folioText.count == String(expected).count {
            return .runningHead(number: folio, title: title)
        }
        return nil
    }
}
