/// A whole text with its output and audit trail, for review: `emend diff`
/// renders it as a unified diff or an HTML report.
///
/// Holds the input and the output in memory (a review tool reads a book, not
/// a stream); the filters themselves never do.
public struct AuditedText: Sendable {
    public let input: [UInt8]
    public let output: [UInt8]
    public let records: [AuditRecord]
    /// Where each record's `after` starts in the output.
    public let outputOffsets: [Int]

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
