/// Places the footnote blocks at page bottoms: keeps them where the page put
/// them, moves them after the end of the paragraph the page break interrupted,
/// or drops them (`PageStructure.FootnotePlacement`).
///
/// A block is a blank line, then a line that opens with a footnote's number
/// the text before referred to ("Zhdanov.9" … "9. RGASPI"), then the
/// footnotes that follow it; it is held until the next decision: a page break
/// confirms it (moved or dropped, each line reported), anything else releases
/// it as text. Changes: where footnote lines stand, and, with `drop`, whether
/// they stand at all. Never touches: the text of any line, the order of the
/// lines of the body, anything when the placement is `keep-in-place` (every
/// line passes at once). Holds at most `window / 2` lines of a block, and
/// `window` footnotes waiting for their paragraph's end.
struct FootnoteHold {
    let placement: PageStructure.FootnotePlacement
    /// The page-structure window: bounds the lines held.
    let window: Int
    /// The stage named in the changes.
    let stage: String

    /// A blank line not written yet: it may open a footnote block (not keep-in-place).
    private var pendingBlank: Line?
    /// A possible footnote block, the blank line before it first, held until a page break confirms it.
    private var held: [Line] = []
    /// The number of the last footnote in the held block.
    private var heldNumber = 0
    /// Confirmed footnotes waiting for the end of their paragraph (move-to-paragraph-end).
    private var deferred: [Line] = []
    /// Footnote reference numbers seen glued to the text ("Zhdanov.9"), with their lines.
    private var markers: [(number: Int, line: Int)] = []

    init(placement: PageStructure.FootnotePlacement, window: Int, stage: String) {
        self.placement = placement
        self.window = window
        self.stage = stage
    }

    /// Passes a decided line on; with footnotes moved or dropped, first through the hold.
    /// The line is taken, not copied: a line passed at once moves into the output.
    mutating func emit(_ line: consuming Line, into output: inout StageOutput, written: inout WrittenText) {
        guard placement != .keepInPlace else { return write(line, into: &output, written: &written) }
        let blank = PageSegmentation.isBlank(line)
        if !held.isEmpty {
            // After a blank line inside the block, only the next footnote may follow.
            if !blank, let last = held.last, PageSegmentation.isBlank(last) {
                guard let number = FootnoteShape.number(line.bytes), number == heldNumber + 1 else {
                    release(into: &output, written: &written)
                    return emit(line, into: &output, written: &written)
                }
                heldNumber = number
            } else if !blank, let number = FootnoteShape.number(line.bytes) {
                heldNumber = number
            }
            held.append(line)
            if held.count > window / 2 { release(into: &output, written: &written) }
            return
        }
        if blank {
            if let earlier = pendingBlank { write(earlier, into: &output, written: &written) }
            pendingBlank = line
            return
        }
        if let opening = pendingBlank, isBlockStart(line) {
            pendingBlank = nil
            heldNumber = FootnoteShape.number(line.bytes) ?? 0
            held = [opening, line]
            return
        }
        if let earlier = pendingBlank {
            pendingBlank = nil
            write(earlier, into: &output, written: &written)
        }
        write(line, into: &output, written: &written)
    }

    /// Writes a line out and notes what the text so far looks like. A blank
    /// line after text ends a paragraph: footnotes moved there follow it.
    mutating func write(_ line: consuming Line, into output: inout StageOutput, written: inout WrittenText) {
        let blank = PageSegmentation.isBlank(line)
        if blank, !written.lastWasBlank, !deferred.isEmpty {
            output.lines.append(contentsOf: deferred)  // they begin with their own blank line
            deferred.removeAll()
        }
        if !blank && placement != .keepInPlace { noteMarkers(in: line) }
        written.note(line, isBlank: blank)
        output.lines.append(line)  // its last use: moved, not copied
    }

    /// A footnote opens with its number, one the text before it referred to.
    private func isBlockStart(_ line: Line) -> Bool {
        guard let number = FootnoteShape.number(line.bytes) else { return false }
        return markers.contains { $0.number == number }
    }

    /// A page break after a held block: it was footnotes.
    mutating func confirm(into output: inout StageOutput) {
        guard !held.isEmpty else { return }
        switch placement {
        case .drop:
            if output.recordsChanges {
                for line in held {
                    output.changes.append(Change(kind: .removedLine, stage: stage, rule: "page-structure:footnote",
                                                 line: line.number, column: 1, before: line.text, after: ""))
                }
            }
        case .moveToParagraphEnd:
            if output.recordsChanges {
                for line in held {
                    output.changes.append(Change(kind: .moved, stage: stage, rule: "page-structure:footnote-moved",
                                                 line: line.number, column: 1, before: line.text, after: line.text))
                }
            }
            deferred += held
            if deferred.count > window {  // no paragraph end in sight: bounded memory first
                output.lines.append(contentsOf: deferred)
                deferred.removeAll()
            }
        case .keepInPlace:
            break
        }
        held.removeAll()
    }

    /// No page break came: the held lines were text, written as they were.
    mutating func release(into output: inout StageOutput, written: inout WrittenText) {
        var lines = held
        held.removeAll()
        // A blank line at the end may open a block of its own: it waits again.
        let trailingBlank = lines.last.map(PageSegmentation.isBlank) == true ? lines.removeLast() : nil
        for line in lines { write(line, into: &output, written: &written) }
        if let trailingBlank { pendingBlank = trailingBlank }
    }

    /// The end of the input: every line still held is written, in order.
    mutating func finish(into output: inout StageOutput, written: inout WrittenText) {
        release(into: &output, written: &written)
        if let blank = pendingBlank { pendingBlank = nil; write(blank, into: &output, written: &written) }
        // Taken out of the hold first: writing their own blank line must not flush them again.
        let waiting = deferred
        deferred.removeAll()
        for line in waiting { write(line, into: &output, written: &written) }
    }

    /// Remembers footnote references glued to the text ("Zhdanov.9", "accused.\"36"):
    /// one to three digits right after closing punctuation (after a letter, digits
    /// are more often OCR noise: "l3", "VKPb2"). A reference counts for 100 lines, a page.
    private mutating func noteMarkers(in line: Line) {
        let bytes = line.bytes
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        var index = 1
        while index < bytes.count {
            let before = bytes[index - 1]
            let glue = ".,;:\"')]".utf8.contains(before) && index >= 2 && DocumentVocabulary.isLetter(bytes[index - 2])
                || ".,;:\"')]".utf8.contains(before) && index >= 3 && ".\"')".utf8.contains(bytes[index - 2])
            if isDigit(bytes[index]) && glue && !(index >= 2 && isDigit(bytes[index - 2]) && before == UInt8(ascii: ".")) {
                var end = index
                while end < bytes.count, isDigit(bytes[end]) { end += 1 }
                if end - index <= 3, end == bytes.count || !DocumentVocabulary.isLetter(bytes[end]),
                   let number = Int(String(decoding: bytes[index..<end], as: UTF8.self)) {
                    markers.append((number, line.number))
                }
                index = end
            } else {
                index += 1
            }
        }
        markers.removeAll { line.number - $0.line > 100 }
        if markers.count > 64 { markers.removeFirst(markers.count - 64) }
    }
}
