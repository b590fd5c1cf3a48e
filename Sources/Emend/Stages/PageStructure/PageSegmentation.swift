/// Page segmentation: where the pages of a document begin and end, and where
/// a page may break between two lines of text.
///
/// A page starts at a form feed or a page separator line
/// (`-----File: 001.png---`), and, in a document whose pages are not marked,
/// at the second of two blank lines (`PagePosition`). Between lines of text,
/// a run of blank lines and page furniture (`PageBreakZone`, the furniture
/// judged by `FurnitureFinder`) is a page break when it holds two blank
/// lines or more, furniture, or a form feed.
/// Reads; never changes a line, nor decides what a break becomes (the
/// driver and `ParagraphJoining` do).
struct PageSegmentation {
    /// The page of the next line to decide.
    var position = PagePosition()
    /// True once the input has ended: the lines pending are its last.
    var inputEnded = false

    /// Lines a decision may look ahead: a first page number needs two blank
    /// lines after it, a running foot the next page within six lines.
    static let lookahead = 6

    /// A whole line of nothing but spaces (a segment of a cut line is never blank).
    @inline(__always)
    static func isBlank(_ line: Line) -> Bool {
        line.ending != .split && !line.isContinuation && line.bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0C }
    }

    /// How many blank lines stand right before (or after) the line at `index`.
    static func blankRun(_ lines: [Line], before index: Int) -> Int {
        var count = 0
        while index - count - 1 >= 0, isBlank(lines[index - count - 1]) { count += 1 }
        return count
    }

    static func blankRun(_ lines: [Line], after index: Int) -> Int {
        var count = 0
        while count < lookahead, index + count + 1 < lines.count, isBlank(lines[index + count + 1]) { count += 1 }
        return count
    }

    /// True when only blank lines, and at most `allowingOthers` other short
    /// lines, stand between the line at `index` and the next page (or the end
    /// of the input).
    func isNearPageEnd(_ lines: [Line], _ index: Int, allowingOthers: Int = 1, otherBytes: Int = EdgeLine.maximumBytes) -> Bool {
        let end = min(lines.count, index + Self.lookahead + 1)
        let byBlankRuns = position.byBlankRuns
        // Each line read where it stands, through a pointer: a line copied out of the array cost a retain and a release.
        let verdict = lines.withUnsafeBufferPointer { lines -> Bool? in
            guard let base = lines.baseAddress else { return nil }
            var others = 0
            var blanks = 0
            var next = index + 1
            while next < end {
                let line = base + next
                let cut = line.pointee.ending == .split || line.pointee.isContinuation
                let (startsPage, blank, count) = line.pointee.bytes.withUnsafeBufferPointer { bytes in
                    (PageSurvey.containsFormFeed(bytes) || PageSurvey.isProofreadersSeparator(bytes),
                     !cut && bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0C }, bytes.count)
                }
                next += 1
                if startsPage { return true }
                if blank {
                    blanks += 1
                    if byBlankRuns && blanks == 2 { return true }
                    continue
                }
                blanks = 0
                others += 1
                if others > allowingOthers || count > otherBytes { return false }
                if otherBytes < EdgeLine.maximumBytes, EdgeLine.read(line.pointee.bytes)?.isLoneFolio == true { return false }
            }
            return nil
        }
        return verdict ?? (inputEnded && index + Self.lookahead + 1 >= lines.count)
    }

    /// The zone that starts at `lines[start]`: its blank lines, and the lines
    /// `furniture` takes (asked with `judge`, each line's index and own
    /// position), up to the first other line, `limit`, `maximumLines` lines or
    /// `LookAhead.maximumBytes` (a longer run is decided in pieces of that
    /// size, wherever the reads fell, so the output does not depend on them).
    func zone<Judge>(in lines: [Line], from start: Int, limit: Int, maximumLines: Int, judge: borrowing Judge,
                     furniture: (borrowing Judge, Int, PagePosition) -> FurnitureKind?) -> PageBreakZone {
        var zone = PageBreakZone(start: start, end: start)
        var zonePosition = position
        var zoneBytes = 0
        while zone.end < limit, zone.end - start < maximumLines, zoneBytes < LookAhead.maximumBytes {
            let line = lines[zone.end]
            zonePosition = zonePosition.entering(line)
            if Self.isBlank(line) {
                zone.blanks += 1
                zone.sawFormFeed = zone.sawFormFeed || line.bytes.contains(0x0C)
            } else if let kind = furniture(judge, zone.end, zonePosition) {
                zone.furniture.append((zone.end, kind))
                if zonePosition.textLines == 0 { zone.topFurniturePage = zonePosition.index }
            } else {
                zone.endsAtText = true
                break
            }
            zoneBytes += line.bytes.count
            zone.end += 1
        }
        zone.isFull = zone.end - start >= maximumLines || zoneBytes >= LookAhead.maximumBytes
        zone.nextStartsWithFormFeed = zone.end < lines.count && lines[zone.end].bytes.first == 0x0C
        return zone
    }
}

/// A run of blank lines and page furniture between lines of text, the pending
/// lines `start..<end`: where a page may break.
struct PageBreakZone {
    let start: Int
    var end: Int
    var blanks = 0
    /// The lines taken for furniture, by index, in order.
    var furniture: [(index: Int, kind: FurnitureKind)] = []
    /// The page whose top edge held furniture of the zone, if one did.
    var topFurniturePage: Int?
    var sawFormFeed = false
    /// The line after the zone opens with a form feed: the next page starts there.
    var nextStartsWithFormFeed = false
    /// The zone reached its most lines or bytes: a run of blank lines longer than a page.
    var isFull = false
    /// The zone ends at a line `furniture` judged no furniture (the line at `end`).
    var endsAtText = false

    /// Two blank lines or more, furniture, or a form feed: a page ends here
    /// (one blank line parts paragraphs).
    var isPageBreak: Bool { blanks >= 2 || !furniture.isEmpty || sawFormFeed || nextStartsWithFormFeed }

    /// What furniture the line at `index` was taken for, if any.
    func furnitureKind(at index: Int) -> FurnitureKind? { furniture.first { $0.index == index }?.kind }
}

/// Where the stage stands in the document's pages: the page's index (page
/// separators passed) and the lines of text decided on it so far.
struct PagePosition {
    var index = 0
    var textLines = 0
    /// True when a run of two blank lines also starts a page (a document whose pages are not marked).
    var byBlankRuns = false
    /// Blank lines right before (and including) this one.
    var blankRun = 0
    /// True when the page's first line of text is a scrap: at most
    /// `scrapBytes` bytes besides spaces, what OCR makes of a speck above a head.
    var firstLineIsScrap = false
    static let scrapBytes = 4

    /// The position of `line` itself: a line with a form feed or a page
    /// separator starts a page, and so, by blank runs, a second blank line in a row.
    /// Asked of every line: inlined, no call.
    @inline(__always)
    func entering(_ line: Line) -> PagePosition {
        var next = self
        if Self.startsPage(line) {
            (next.index, next.textLines) = (index + 1, 0)
        }
        guard byBlankRuns else { return next }
        if PageSegmentation.isBlank(line) {
            next.blankRun += 1
            if next.blankRun == 2 { (next.index, next.textLines) = (index + 1, 0) }
        } else {
            next.blankRun = 0
        }
        return next
    }

    /// Moves past `line`, decided as text or not. A line without a letter or
    /// a digit (a rule OCR read as "—") leaves the page's top edge where it was.
    mutating func pass(_ line: Line, isText: Bool) {
        self = entering(line)
        if isText { countText(line) }
    }

    /// Counts `line` as text of its page, the position being the line's own
    /// already (`entering(line)`): what `pass(line, isText: true)` adds to it.
    /// Asked of every line of text: inlined, no call.
    @inline(__always)
    mutating func countText(_ line: Line) {
        guard Self.holdsLetterOrDigit(line.bytes) else { return }
        if textLines == 0 { firstLineIsScrap = Self.isScrap(line.bytes) }
        textLines += 1
    }

    /// At most `scrapBytes` bytes besides spaces, tabs and form feeds.
    private static func isScrap(_ bytes: [UInt8]) -> Bool {
        bytes.lazy.filter { $0 != 0x20 && $0 != 0x09 && $0 != 0x0C }.count <= Self.scrapBytes
    }

    /// An ASCII letter or digit (most lines: inlined, no call), or a letter or digit beyond ASCII.
    @inline(__always)
    static func holdsLetterOrDigit(_ bytes: [UInt8]) -> Bool {
        bytes.contains(where: EdgeLine.isASCIILetterOrDigit) || holdsLetterOrDigitBeyondASCII(bytes)
    }

    /// `holdsLetterOrDigit` of a line without an ASCII letter or digit.
    private static func holdsLetterOrDigitBeyondASCII(_ bytes: [UInt8]) -> Bool {
        guard bytes.contains(where: { $0 >= 0x80 }) else { return false }
        return String(decoding: bytes, as: UTF8.self).unicodeScalars.contains {
            $0.properties.isAlphabetic || $0.properties.numericType != nil
        }
    }

    static func startsPage(_ line: Line) -> Bool {
        line.bytes.withUnsafeBufferPointer(PageSurvey.containsFormFeed)
            || PageSurvey.isProofreadersSeparator(line.bytes)
    }
}
