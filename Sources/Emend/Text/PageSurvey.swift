import Foundation

/// What the edges of a document's pages repeat: the evidence from which the
/// page-structure stage learns one book's running heads, running feet and
/// folios instead of expecting one shape.
///
/// Pages are delimited by form feeds (tesseract and pdftotext put one between
/// pages, glued to the next page's first word) and by Distributed
/// Proofreaders' separators (`-----File: 001.png---`). On each page the first
/// two and the last two lines with text are its edges; an edge line that
/// stands apart (a blank line or the page's edge on both sides) and reads as
/// furniture (`EdgeLine`) is counted: its title key once per page, and its
/// folio as a vote for the offset between folio and page index (a book's
/// folios rise with its pages, so the offset that most pages vote for gives
/// each page's expected folio, also where OCR misread or lost one).
///
/// Bounded: at most `keyLimit` distinct keys (those seen once are dropped
/// first). Never changes text.
package struct PageSurvey: Sendable {
    /// Page separators seen (form feeds, page separator lines).
    public private(set) var separators = 0
    /// Pages each title key stood at an edge of, and the first folio offsets
    /// (folio minus page index) it carried.
    private(set) var heads: [ByteKey: HeadTally] = [:]
    struct HeadTally: Sendable {
        var pages = 0
        /// Pages where it stood with no folio beside it, or with the same number as before (its title's: "March 3").
        var withoutFolio = 0
        /// The number it last stood beside.
        var lastNumber: Int?
        var offsets: [Int] = []
    }
    /// Votes for folio minus page index.
    private(set) var folioOffsets: [Int: Int] = [:]
    /// Votes for a roman folio (front matter's "xiv") minus page index.
    private(set) var romanOffsets: [Int: Int] = [:]
    /// Pages whose last line with text is a lone folio standing apart, by
    /// folio minus page index, and pages whose last line with text stands
    /// apart and is short (`EdgeLine.isShortEdge`): the foot of the page
    /// is the folio's place when most pages end so.
    private(set) var footFolioOffsets: [Int: Int] = [:]
    private(set) var shortFootPages = 0
    /// Pages by their lines of text (200 or more counted as 200).
    private(set) var pageLengths: [Int: Int] = [:]
    /// The most distinct title keys held.
    public static let keyLimit = 8192

    /// One line with text near a page edge, waiting for the page to end: its
    /// bytes (none when it is too long to be furniture), read at the page's end.
    /// Every line with text passes through one, and few are read: its bytes
    /// are copied into room of `EdgeLine.maximumBytes` made once, not into an
    /// array (a longer line is marked `tooLong` and not copied).
    private struct Candidate {
        private var storage = [UInt8](repeating: 0, count: EdgeLine.maximumBytes)
        private(set) var count = 0
        var tooLong = false
        var ordinal = -1
        var blankBefore = false
        var blankAfter: Bool?

        /// The line's bytes (empty when it is too long).
        var bytes: [UInt8] { Array(storage[0..<count]) }

        /// With `copies` false (right below another line, and long or with no
        /// digit near an end) the line's bytes are not copied, and it is marked
        /// `tooLong`: no edge line is read from it.
        mutating func set(_ line: UnsafeBufferPointer<UInt8>, ordinal: Int, blankBefore: Bool, copies: Bool) {
            if copies {
                tooLong = line.count > EdgeLine.maximumBytes
                count = tooLong ? 0 : line.count
                if count > 0 {
                    storage.withUnsafeMutableBufferPointer { _ = memcpy($0.baseAddress!, line.baseAddress!, line.count) }
                }
            } else {
                (tooLong, count) = (true, 0)
            }
            self.ordinal = ordinal
            self.blankBefore = blankBefore
            blankAfter = nil
        }

        var edgeLine: EdgeLine? { tooLong ? nil : EdgeLine.read(bytes, without: { $0 == 0x0C || $0 == 0x0D }) }

        /// A copied line with a digit near an end (`hasDigitNearAnEnd`): one that may hold a folio.
        var mayHoldFolio: Bool {
            !tooLong && storage.withUnsafeBufferPointer { PageSurvey.hasDigitNearAnEnd(UnsafeBufferPointer(rebasing: $0[0..<count])) }
        }
    }
    /// The page's first two lines with text, and its last two (a ring, reused).
    private var top = [Candidate(), Candidate()]
    private var bottom = [Candidate(), Candidate()]
    private var textLines = 0
    private var lastWasBlank = true

    /// True when a run of two or more blank lines also separates pages (the
    /// survey of a document whose pages are not marked otherwise).
    public let pagesEndAtBlankRuns: Bool
    private var blankRun = 0

    /// True when every line's bytes are kept, not only those of a line standing
    /// apart from the one above: for the tests that hold the two ways to the same counts.
    let copiesEveryLine: Bool

    public init(pagesEndAtBlankRuns: Bool = false) {
        self.init(pagesEndAtBlankRuns: pagesEndAtBlankRuns, copiesEveryLine: false)
    }

    init(pagesEndAtBlankRuns: Bool, copiesEveryLine: Bool) {
        self.pagesEndAtBlankRuns = pagesEndAtBlankRuns
        self.copiesEveryLine = copiesEveryLine
    }

    /// `-----File: 001.png---\...`: the page separator of Distributed Proofreaders' texts.
    public static func isProofreadersSeparator<Bytes: Collection<UInt8>>(_ line: Bytes) -> Bool {
        let prefix = "-----File:".utf8
        return line.first == UInt8(ascii: "-") && line.count >= prefix.count && line.prefix(prefix.count).elementsEqual(prefix)
    }

    /// Counts one line (without its line break).
    public mutating func add(line: UnsafeBufferPointer<UInt8>) {
        let (blank, formFeed) = Self.blankAndFormFeed(line)
        add(line: line, blank: blank, formFeed: formFeed)
    }

    /// Whether a line holds nothing but spaces (and form feeds), and whether it holds a form feed.
    public static func blankAndFormFeed(_ line: UnsafeBufferPointer<UInt8>) -> (blank: Bool, formFeed: Bool) {
        let formFeed = containsFormFeed(line)
        // Most lines have text in their first bytes: the test stops there.
        let blank = !line.contains { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0C }
        return (blank, formFeed)
    }

    /// True when `bytes` hold a form feed (memchr: most lines have none).
    public static func containsFormFeed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
        return memchr(base, 0x0C, bytes.count) != nil
    }

    /// Counts one line whose `blankAndFormFeed` is known.
    public mutating func add(line: UnsafeBufferPointer<UInt8>, blank: Bool, formFeed: Bool) {
        let separator = !blank && Self.isProofreadersSeparator(line)
        if separator || formFeed {
            closePage()
            separators += 1
            if separator { return }
        }
        if blank {
            lastWasBlank = true
            setBlankAfter(true)
            blankRun += 1
            if pagesEndAtBlankRuns && blankRun == 2 {
                closePage()
                separators += 1
            }
            return
        }
        blankRun = 0
        setBlankAfter(false)
        // A line standing apart from the one above can be an edge line that is read, and so can a
        // short one right under text: the page's last line, a foot OCR set no blank line over.
        let copies = lastWasBlank || copiesEveryLine || line.count <= EdgeLine.maximumBytes && Self.hasDigitNearAnEnd(line)
        if textLines < 2 { top[textLines].set(line, ordinal: textLines, blankBefore: lastWasBlank, copies: copies) }
        bottom[textLines % 2].set(line, ordinal: textLines, blankBefore: lastWasBlank, copies: copies)
        textLines += 1
        lastWasBlank = false
    }

    /// The line before this one is known now to stand apart, or not.
    private mutating func setBlankAfter(_ value: Bool) {
        guard textLines > 0 else { return }
        let last = textLines - 1
        if bottom[last % 2].ordinal == last, bottom[last % 2].blankAfter == nil { bottom[last % 2].blankAfter = value }
        if last < 2, top[last].blankAfter == nil { top[last].blankAfter = value }
    }

    /// True when a digit stands among the first or the last 4 bytes of
    /// `line` (up to two spaces or control bytes at each end aside): where an
    /// edge line's folio stands ("103", "104 Title", "|44", "l6", "— 34").
    /// A line without one is taken for no folio that touches the text.
    @inline(__always)
    static func hasDigitNearAnEnd(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = line.baseAddress, !line.isEmpty else { return false }
        var first = 0, last = line.count
        if base[first] <= 0x20 { first &+= 1; if first < last && base[first] <= 0x20 { first &+= 1 } }
        if last > first && base[last &- 1] <= 0x20 { last &-= 1; if last > first && base[last &- 1] <= 0x20 { last &-= 1 } }
        var index = first
        while index < min(last, first &+ 4) {
            if base[index] &- 0x30 < 10 { return true }
            index &+= 1
        }
        index = max(index, last &- 4)
        while index < last {
            if base[index] &- 0x30 < 10 { return true }
            index &+= 1
        }
        return false
    }

    /// The most words of the title beside the folio of an edge line that no
    /// blank line parts from the text: a running head's (a line of text has more).
    static let wordsOfATouchingEdge = 8

    /// Counts the page in progress (the document has ended).
    public mutating func finish() { closePage() }

    private mutating func closePage() {
        setBlankAfter(true)
        var counted: [[UInt8]] = []
        var voted: [Int] = []
        let lastOrdinals = Set([textLines - 1, textLines - 2].filter { $0 >= 2 })
        let edges = top.prefix(min(2, textLines)) + bottom.filter { lastOrdinals.contains($0.ordinal) }
        for candidate in edges {
            // Apart from the text, or (OCR that sets no blank line between a page's edge and its
            // text) its first line right over text or its last right under it, beside a folio.
            let apart = candidate.blankBefore && candidate.blankAfter == true
            let touching = !apart && (candidate.ordinal == 0 ? candidate.blankBefore
                                      : candidate.ordinal == textLines - 1 && candidate.blankAfter == true)
            // A page's first line may be a head without a folio (counted, it must repeat to be learned).
            let touchingTop = touching && candidate.ordinal == 0
            guard apart || touching && (candidate.mayHoldFolio || touchingTop), let line = candidate.edgeLine,
                  apart || (line.folio != nil || touchingTop) && line.titleWords <= Self.wordsOfATouchingEdge else { continue }
            if line.key.count >= 3, !counted.contains(line.key) {
                counted.append(line.key)
                // A head is learned from one page where it stands beside its folio; below the
                // first line, not from a folio that opens the line like a footnote's number ("14 Ibid."),
                // nor from a line that touches the text ("which he did on May 14." ends page 14): such a
                // head is learned from the pages it stands on.
                let evidence = apart && (candidate.ordinal == 0 || !line.folioMayBeAReference)
                count(line.key, number: line.folio, offset: evidence ? line.folio.map { $0 - separators } : nil)
            }
            // Every number at an edge votes once a page: a date's day ("September 14") scatters, the folio agrees.
            if let folio = line.folio, !voted.contains(folio - separators) {
                folioOffsets[folio - separators, default: 0] += 1
                voted.append(folio - separators)
            }
            if let roman = line.romanFolio, !voted.contains(-10_000 + roman - separators) {
                romanOffsets[roman - separators, default: 0] += 1
                voted.append(-10_000 + roman - separators)
            }
        }
        if textLines >= 2, let last = bottom.first(where: { $0.ordinal == textLines - 1 }),
           last.blankBefore, last.blankAfter == true, !last.tooLong, last.count <= EdgeLine.shortEdgeBytes {
            shortFootPages += 1
            if let line = last.edgeLine, line.isLoneFolio, let folio = line.folio {
                footFolioOffsets[folio - separators, default: 0] += 1
            }
        }
        if textLines > 0 { pageLengths[min(textLines, 200), default: 0] += 1 }
        textLines = 0
        lastWasBlank = true
    }

    private mutating func count(_ key: [UInt8], number: Int?, offset: Int?) {
        let key = ByteKey(key)
        if heads[key] == nil, heads.count >= Self.keyLimit {
            heads = heads.filter { $0.value.pages > 1 }
            if heads.count >= Self.keyLimit { return }
        }
        Self.count(into: &heads[key, default: HeadTally()], number: number, offset: offset)
    }

    /// One more page of a head, with the folio `number` beside it (if any) and the page's folio `offset`.
    private static func count(into tally: inout HeadTally, number: Int?, offset: Int?) {
        tally.pages += 1
        if number == nil || number == tally.lastNumber { tally.withoutFolio += 1 }
        tally.lastNumber = number
        if let offset, tally.offsets.count < 4 { tally.offsets.append(offset) }
    }

    /// Adds the counts of `other`, a survey of the text that follows this one's.
    public mutating func merge(_ other: PageSurvey) {
        for (key, tally) in other.heads {
            if heads[key] == nil, heads.count >= Self.keyLimit { continue }
            heads[key, default: HeadTally()].pages += tally.pages
            heads[key]!.withoutFolio += tally.withoutFolio
            let shifted = tally.offsets.map { $0 - separators }
            heads[key]!.offsets = Array((heads[key]!.offsets + shifted).prefix(4))
        }
        // The other half counted its pages from 0: they follow this half's.
        for (offset, votes) in other.folioOffsets { folioOffsets[offset - separators, default: 0] += votes }
        for (offset, votes) in other.romanOffsets { romanOffsets[offset - separators, default: 0] += votes }
        for (offset, votes) in other.footFolioOffsets { footFolioOffsets[offset - separators, default: 0] += votes }
        shortFootPages += other.shortFootPages
        separators += other.separators
        for (length, pages) in other.pageLengths { pageLengths[length, default: 0] += pages }
    }

    /// The middle page length in lines of text (0 for no page).
    public var medianPageLength: Int {
        let total = pageLengths.values.reduce(0, +)
        var seen = 0
        for (length, pages) in pageLengths.sorted(by: { $0.key < $1.key }) {
            seen += pages
            if seen * 2 >= total { return length }
        }
        return 0
    }

    /// Pages counted (with text).
    public var pageCount: Int { pageLengths.values.reduce(0, +) }

    // MARK: What the survey learned

    /// The title keys that stand at the edges of at least `minimumPages`
    /// pages (OCR's variants of a key, within `tolerance`, counted with it),
    /// and those that stood beside the folio their page expects: a chapter's
    /// head, learned where it first recurs.
    public func learnedHeads(minimumPages: Int = 3) -> [[UInt8]] {
        let offset = folioOffset
        var learned: [[UInt8]] = []
        for (key, tally) in heads where tally.pages >= 2 || (offset != nil && tally.offsets.contains(offset!)) {
            var total = tally.pages
            if let offset, tally.offsets.contains(offset) { total = minimumPages }
            for (variant, other) in heads where total < minimumPages && other.pages == 1 && variant != key {
                if EdgeLine.distance(key.bytes, variant.bytes, limit: Self.tolerance(key.bytes.count)) != nil { total += 1 }
            }
            if total >= minimumPages { learned.append(key.bytes) }
        }
        return learned.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// Pages on whose edge `key` or OCR's variants of it (within `tolerance`)
    /// stood, and those of them with no folio beside it.
    public func pages(of key: [UInt8]) -> (all: Int, withoutFolio: Int) {
        var all = 0, without = 0
        let tolerance = Self.tolerance(key.count)
        for (variant, tally) in heads where variant.bytes == key || (tolerance > 0 && EdgeLine.distance(key, variant.bytes, limit: tolerance) != nil) {
            all += tally.pages
            without += tally.withoutFolio
        }
        return (all, without)
    }

    /// The edits OCR may make in a head of `length` letters and it is still the same head.
    public static func tolerance(_ length: Int) -> Int { length < 8 ? 0 : max(1, length / 7) }

    /// The offset between a roman folio and page index that at least three
    /// pages vote for, twice as many as for any other: front matter's folios.
    public var romanOffset: Int? {
        guard let (offset, votes) = romanOffsets.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }),
              votes >= 3 else { return nil }
        let second = romanOffsets.filter { $0.key != offset }.map(\.value).max() ?? 0
        return votes >= 2 * second ? offset : nil
    }

    /// True when the foot of the page is where the book prints its folio
    /// alone: at least half its pages end in a short line standing apart,
    /// and on three pages or more that line is the folio `offset` gives.
    public func footIsFolioPlace(offset: Int) -> Bool {
        (footFolioOffsets[offset] ?? 0) >= 3 && shortFootPages * 2 >= pageCount && pageCount >= 4
    }

    /// The offset between folio and page index that most pages vote for, when
    /// at least three pages and a third of all votes agree and no other offset
    /// comes near: a book's folios then are known page by page.
    public var folioOffset: Int? {
        guard let (offset, votes) = folioOffsets.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }),
              votes >= 3 else { return nil }
        let all = folioOffsets.values.reduce(0, +)
        let second = folioOffsets.filter { $0.key != offset }.map(\.value).max() ?? 0
        return votes * 3 >= all && votes >= 2 * second ? offset : nil
    }
}
