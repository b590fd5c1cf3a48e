/// The furniture of one book, learned from what its page edges repeat
/// (`PageSurvey`): the title keys of its running heads and feet, and the
/// offset that turns a page's index into its folio.
///
/// Decides one line at a page edge; the stage says where the edges are.
/// Changes nothing itself.
struct LearnedFurniture {
    /// Title keys that stand at the edges of at least three pages.
    private var heads: Set<[UInt8]> = []
    private var headList: [[UInt8]] = []
    /// Folio minus page index, when the pages agree on it.
    private(set) var folioOffset: Int?
    /// True when the document marks its pages (form feeds, page separator lines).
    private(set) var marksPages = false

    /// Pages a title must head (or foot) before it is taken for furniture.
    static let minimumPages = 3

    init() {}

    init(_ survey: PageSurvey) {
        headList = survey.learnedHeads(minimumPages: Self.minimumPages)
        heads = Set(headList)
        folioOffset = survey.folioOffset
        marksPages = survey.separators >= 2
    }

    /// True when `key` is a learned head, or OCR's variant of one.
    func isHead(_ key: [UInt8]) -> Bool {
        guard key.count >= 3 else { return false }
        if heads.contains(key) { return true }
        let tolerance = PageSurvey.tolerance(key.count)
        guard tolerance > 0 else { return false }
        return headList.contains { EdgeLine.distance($0, key, limit: tolerance) != nil }
    }

    /// The folio page `index` should carry, when the book's folios are known.
    func expectedFolio(page index: Int) -> Int? { folioOffset.map { index + $0 } }

    /// What a line standing apart at a page's edge is: a folio the page
    /// expects (also misread: "l6"), a title the book's pages repeat (with or
    /// without its folio), or a short title with the expected folio; nil when
    /// none of these holds (the stage's other tests still apply).
    func furniture(_ edge: EdgeLine, page index: Int) -> PageStructure.FurnitureKind? {
        let expected = expectedFolio(page: index)
        let title = String(decoding: edge.key, as: UTF8.self)
        if edge.isLoneFolio {
            guard let folio = edge.folio, let expected else { return nil }
            return edge.folioMatches(expected) ? .folio(folio) : nil
        }
        if isHead(edge.key) {
            if let folio = edge.folio { return .runningHead(number: folio, title: title) }
            return .learnedHead(title: title)
        }
        if let folio = edge.folio, let expected, edge.folioMatches(expected), edge.folioText.count == String(expected).count {
            return .runningHead(number: folio, title: title)
        }
        return nil
    }
}

/// Where the stage stands in the document's pages: the page's index (page
/// separators passed) and the lines of text decided on it so far.
struct PagePosition {
    var index = 0
    var textLines = 0

    /// The position of `line` itself: a line with a form feed or a page
    /// separator starts a page.
    func entering(_ line: Line) -> PagePosition {
        guard Self.startsPage(line) else { return self }
        return PagePosition(index: index + 1, textLines: 0)
    }

    /// Moves past `line`, decided as text or not.
    mutating func pass(_ line: Line, isText: Bool) {
        self = entering(line)
        if isText && !PageStructure.isBlank(line) { textLines += 1 }
    }

    static func startsPage(_ line: Line) -> Bool {
        line.bytes.contains(0x0C) || (line.bytes.first == UInt8(ascii: "-") && PageSurvey.isProofreadersSeparator(line.bytes))
    }
}
