/// Renders an `AuditedText` as a unified diff (`diff -u` format), optionally
/// coloured with ANSI escapes, so a book's changes are reviewed like code.
/// Lines are written as their bytes (invalid UTF-8 included), so `patch` applies it.
package enum UnifiedDiff {
    public static func render(_ text: AuditedText, oldName: String, newName: String,
                              context: Int = 3, colour: Bool = false) -> [UInt8] {
        let paint = Paint(enabled: colour)
        let regions = text.regions()
        guard !regions.isEmpty else { return [] }
        var result = Array(paint.header("--- \(oldName)\n+++ \(newName)\n").utf8)
        let inputLineStarts = lineStarts(text.input)
        let outputLineStarts = lineStarts(text.output)
        func lineIndex(_ offset: Int, _ starts: [Int]) -> Int {  // 0-based line holding offset
            var low = 0, high = starts.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if starts[middle] <= offset { low = middle } else { high = middle - 1 }
            }
            return low
        }
        let noNewline = Array("\n\\ No newline at end of file".utf8)
        func line(_ index: Int, _ text: [UInt8], _ starts: [Int]) -> [UInt8] {
            let end = index + 1 < starts.count ? starts[index + 1] - 1 : text.count
            let last = end == text.count && text.last != 0x0A
            return Array(text[starts[index]..<max(starts[index], end)]) + (last ? noNewline : [])
        }
        /// A line of a region, marked when it is the text's last and has no newline.
        func regionLine(_ slice: ArraySlice<UInt8>, of text: [UInt8]) -> [UInt8] {
            Array(slice) + (slice.endIndex == text.count && text.last != 0x0A ? noNewline : [])
        }
        let inputLineCount = text.input.last == 0x0A ? inputLineStarts.count - 1 : inputLineStarts.count

        // Regions whose context lines touch form one hunk.
        var index = 0
        while index < regions.count {
            var last = index
            while last + 1 < regions.count {
                let gap = lineIndex(regions[last + 1].input.lowerBound, inputLineStarts)
                    - lineIndex(max(regions[last].input.upperBound - 1, regions[last].input.lowerBound), inputLineStarts)
                if gap > 2 * context + 1 { break }
                last += 1
            }
            let first = regions[index]
            let firstInputLine = lineIndex(first.input.lowerBound, inputLineStarts)
            let firstOutputLine = lineIndex(first.output.lowerBound, outputLineStarts)
            let leading = min(context, firstInputLine)
            var body: [UInt8] = []
            var oldCount = 0, newCount = 0
            for number in (firstInputLine - leading)..<firstInputLine {
                body += [0x20] + line(number, text.input, inputLineStarts) + [0x0A]; oldCount += 1; newCount += 1
            }
            var nextInputLine = firstInputLine
            for region in regions[index...last] {
                let regionFirst = lineIndex(region.input.lowerBound, inputLineStarts)
                for number in nextInputLine..<regionFirst {  // unchanged lines between regions
                    body += [0x20] + line(number, text.input, inputLineStarts) + [0x0A]; oldCount += 1; newCount += 1
                }
                for removed in text.lines(region.input, of: text.input) {
                    body += paint.removed([UInt8(ascii: "-")] + regionLine(removed, of: text.input)) + [0x0A]
                    oldCount += 1
                }
                for added in text.lines(region.output, of: text.output) {
                    body += paint.added([UInt8(ascii: "+")] + regionLine(added, of: text.output)) + [0x0A]
                    newCount += 1
                }
                nextInputLine = region.input.isEmpty ? regionFirst : lineIndex(region.input.upperBound - 1, inputLineStarts) + 1
            }
            let trailingEnd = min(nextInputLine + context, inputLineCount)
            if nextInputLine < trailingEnd {
                for number in nextInputLine..<trailingEnd {
                    body += [0x20] + line(number, text.input, inputLineStarts) + [0x0A]; oldCount += 1; newCount += 1
                }
            }
            let oldStart = oldCount == 0 ? firstInputLine - leading : firstInputLine - leading + 1
            let newStart = newCount == 0 ? firstOutputLine - leading : firstOutputLine - leading + 1
            result += paint.hunk(Array("@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@".utf8)) + [0x0A] + body
            index = last + 1
        }
        return result
    }

    /// Offsets where each line starts (a last empty "line" after a final newline included).
    static func lineStarts(_ text: [UInt8]) -> [Int] {
        var starts = [0]
        for (offset, byte) in text.enumerated() where byte == 0x0A { starts.append(offset + 1) }
        return starts
    }

    private struct Paint {
        let enabled: Bool
        func wrap(_ text: [UInt8], _ code: String) -> [UInt8] {
            enabled ? Array("\u{1B}[\(code)m".utf8) + text + Array("\u{1B}[0m".utf8) : text
        }
        func header(_ text: String) -> String { enabled ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
        func hunk(_ text: [UInt8]) -> [UInt8] { wrap(text, "36") }
        func removed(_ text: [UInt8]) -> [UInt8] { wrap(text, "31") }
        func added(_ text: [UInt8]) -> [UInt8] { wrap(text, "32") }
    }
}
