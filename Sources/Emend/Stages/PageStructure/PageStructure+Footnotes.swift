/// Footnote blocks at page bottoms: held until a page break confirms them,
/// then kept, moved after their paragraph, or dropped (the `footnotes` option).
extension PageStructure {
    /// Passes a decided line on; with footnotes moved or dropped, first through
    /// the footnote hold.
    mutating func emit(_ line: Line, into output: inout StageOutput) {
        guard configuration.footnotes != .keepInPlace else { return write(line, into: &output) }
        let blank = Self.isBlank(line)
        if !heldFootnotes.isEmpty {
            // After a blank line inside the block, only the next footnote may follow.
            if !blank, let last = heldFootnotes.last, Self.isBlank(last) {
                guard let number = FootnoteShape.number(line.bytes), number == heldNumber + 1 else {
                    releaseHeldFootnotes(into: &output)
                    return emit(line, into: &output)
                }
                heldNumber = number
            } else if !blank, let number = FootnoteShape.number(line.bytes) {
                heldNumber = number
            }
            heldFootnotes.append(line)
            if heldFootnotes.count > configuration.window / 2 { releaseHeldFootnotes(into: &output) }
            return
        }
        if blank {
            if let earlier = pendingBlank { write(earlier, into: &output) }
            pendingBlank = line
            return
        }
        if let opening = pendingBlank, isFootnoteBlockStart(line) {
            pendingBlank = nil
            heldFootnotes = [opening, line]
            heldNumber = FootnoteShape.number(line.bytes) ?? 0
            return
        }
        if let earlier = pendingBlank {
            pendingBlank = nil
            write(earlier, into: &output)
        }
        write(line, into: &output)
    }

    /// A footnote opens with its number, one the text before it referred to.
    func isFootnoteBlockStart(_ line: Line) -> Bool {
        guard let number = FootnoteShape.number(line.bytes) else { return false }
        return markers.contains { $0.number == number }
    }

    /// A page break after a held block: it was footnotes.
    mutating func confirmHeldFootnotes(into output: inout StageOutput) {
        guard !heldFootnotes.isEmpty else { return }
        switch configuration.footnotes {
        case .drop:
            if output.recordsChanges {
                for line in heldFootnotes {
                    output.changes.append(Change(kind: .removedLine, stage: name, rule: "page-structure:footnote",
                                                 line: line.number, column: 1, before: line.text, after: ""))
                }
            }
        case .moveToParagraphEnd:
            if output.recordsChanges {
                for line in heldFootnotes {
                    output.changes.append(Change(kind: .moved, stage: name, rule: "page-structure:footnote-moved",
                                                 line: line.number, column: 1, before: line.text, after: line.text))
                }
            }
            deferredFootnotes += heldFootnotes
            if deferredFootnotes.count > configuration.window {  // no paragraph end in sight: bounded memory first
                output.lines.append(contentsOf: deferredFootnotes)
                deferredFootnotes.removeAll()
            }
        case .keepInPlace:
            break
        }
        heldFootnotes.removeAll()
    }

    /// No page break came: the held lines were text, written as they were.
    mutating func releaseHeldFootnotes(into output: inout StageOutput) {
        var lines = heldFootnotes
        heldFootnotes.removeAll()
        // A blank line at the end may open a block of its own: it waits again.
        let trailingBlank = lines.last.map(Self.isBlank) == true ? lines.removeLast() : nil
        for line in lines { write(line, into: &output) }
        if let trailingBlank { pendingBlank = trailingBlank }
    }

    /// Remembers footnote references glued to the text ("Zhdanov.9", "accused.\"36"):
    /// one to three digits right after closing punctuation (after a letter, digits
    /// are more often OCR noise: "l3", "VKPb2"). A reference counts for 100 lines, a page.
    mutating func noteMarkers(in line: Line) {
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
