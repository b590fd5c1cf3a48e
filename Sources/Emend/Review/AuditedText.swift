/// A whole text with its output and audit trail, for review: `emend diff`
/// renders it as a unified diff or an HTML report.
///
/// Holds the input and the output in memory (a review tool reads a book, not
/// a stream); the filters themselves never do.
package struct AuditedText: Sendable {
    public let input: [UInt8]
    public let output: [UInt8]
    public let records: [AuditRecord]
    /// Where each record's `after` starts in the output.
    public let outputOffsets: [Int]
    /// Where each input line starts (after each LF), for `place(ofInput:)`.
    private let inputLineStarts: [Int]

    /// Runs `stage` over `input`, keeping everything a review needs.
    public init(running stage: some TextStage, over input: [UInt8], settings: StreamSettings = StreamSettings()) throws {
        let run = try stage.applyAuditing(to: input, settings: settings)
        self.init(input: input, output: run.output, records: run.records)
    }

    public init(input: [UInt8], output: [UInt8], records: [AuditRecord]) {
        self.input = input
        self.output = output
        self.records = records
        var offsets: [Int] = []
        offsets.reserveCapacity(records.count)
        var delta = 0
        for record in records {
            offsets.append(record.offset + delta)
            delta += record.afterBytes.count - record.beforeBytes.count
        }
        self.outputOffsets = offsets
        var starts = [0]
        for (index, byte) in input.enumerated() where byte == 0x0A { starts.append(index + 1) }
        self.inputLineStarts = starts
    }

    /// The input byte offset that output byte `offset` comes from: outside the
    /// records, the same byte; inside a record's `after`, where its `before` starts.
    public func inputOffset(ofOutput offset: Int) -> Int {
        // The last record whose `after` starts at or before `offset`.
        var low = 0, high = records.count
        while low < high {
            let middle = (low + high) / 2
            if outputOffsets[middle] <= offset { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return offset }
        let index = low - 1, record = records[index]
        let past = offset - outputOffsets[index] - record.afterBytes.count
        if past < 0 && !record.afterBytes.isEmpty { return record.offset }
        return record.offset + record.beforeBytes.count + max(past, 0)
    }

    /// The bytes of 1-based input line `number`, without its line break (nil past the end).
    public func inputLineRange(_ number: Int) -> Range<Int>? {
        guard number >= 1, number <= inputLineStarts.count else { return nil }
        let start = inputLineStarts[number - 1]
        var end = number < inputLineStarts.count ? inputLineStarts[number] - 1 : input.count
        if end > start, input[end - 1] == 0x0D { end -= 1 }
        return start..<max(start, end)
    }

    /// The place of input byte `offset` as every report gives it: the 1-based
    /// input line, and the 1-based column in Unicode characters (scalars; each
    /// ill-formed UTF-8 sequence is one U+FFFD; a leading byte order mark is not
    /// counted), as the audit's `line` and `column`.
    public func place(ofInput offset: Int) -> (line: Int, column: Int) {
        var low = 0, high = inputLineStarts.count
        while low < high {
            let middle = (low + high) / 2
            if inputLineStarts[middle] <= offset { low = middle + 1 } else { high = middle }
        }
        var start = inputLineStarts[max(low - 1, 0)]
        // A leading byte order mark is no character of the first line (it passes through, as the audit counts).
        if start == 0, offset >= 3, input.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        let prefix = input[start..<min(max(offset, start), input.count)]
        let column = prefix.contains { $0 >= 0x80 } ? String(decoding: prefix, as: UTF8.self).unicodeScalars.count : prefix.count
        return (max(low, 1), column + 1)
    }

    /// Input and output ranges made of whole lines, and the records inside them.
    public struct Region: Sendable, Equatable {
        public var input: Range<Int>
        public var output: Range<Int>
        public var records: Range<Int>
    }

    /// The changed places grown to whole lines on both sides; places whose
    /// lines touch are one region. Between regions, input and output are equal.
    public func regions() -> [Region] {
        var regions: [Region] = []
        for index in records.indices {
            let record = records[index]
            var inputStart = record.offset, outputStart = outputOffsets[index]
            let back = inputStart - lineStart(before: inputStart, in: input)
            inputStart -= back; outputStart -= back
            var inputEnd = record.offset + record.beforeBytes.count
            var outputEnd = outputOffsets[index] + record.afterBytes.count
            let endsLines = (inputEnd == 0 || input[inputEnd - 1] == 0x0A) && (outputEnd == 0 || output[outputEnd - 1] == 0x0A)
            if !endsLines {
                // The bytes up to the next newline are the same on both sides.
                let forward = lineEnd(from: inputEnd, in: input) - inputEnd
                inputEnd += forward; outputEnd += forward
            }
            if var last = regions.last, inputStart < last.input.upperBound {
                // The previous region's growth to its line end ran into this record.
                last.input = last.input.lowerBound..<inputEnd
                last.output = last.output.lowerBound..<outputEnd
                last.records = last.records.lowerBound..<(index + 1)
                regions[regions.count - 1] = last
            } else {
                regions.append(Region(input: inputStart..<inputEnd, output: outputStart..<outputEnd, records: index..<(index + 1)))
            }
        }
        return regions
    }

    /// The start of the line holding `offset` (the offset itself at a line start).
    func lineStart(before offset: Int, in text: [UInt8]) -> Int {
        var position = offset
        while position > 0, text[position - 1] != 0x0A { position -= 1 }
        return position
    }

    /// Just after the first newline at or after `offset` (or the end of text).
    func lineEnd(from offset: Int, in text: [UInt8]) -> Int {
        var position = offset
        while position < text.count, text[position] != 0x0A { position += 1 }
        return min(position + 1, text.count)
    }

    /// The lines of a range that starts at a line start (each without its newline).
    func lines(_ range: Range<Int>, of text: [UInt8]) -> [ArraySlice<UInt8>] {
        guard !range.isEmpty else { return [] }
        var result: [ArraySlice<UInt8>] = []
        var start = range.lowerBound
        for position in range where text[position] == 0x0A {
            result.append(text[start..<position])
            start = position + 1
        }
        if start < range.upperBound { result.append(text[start..<range.upperBound]) }
        return result
    }
}
