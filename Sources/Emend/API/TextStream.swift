/// Settings of the stream driver.
public struct StreamSettings: Sendable {
    /// Bytes read per call (the block that flows through the stages).
    public var blockSize: Int = 1 << 18
    /// The most lines handed to the stages at once: a block of short lines
    /// (a quarter of a million blank ones) goes through in parts of this many.
    public static let maximumLinesPerPush = 1 << 12
    /// The longest line kept whole; longer lines are cut into segments (see `LineSplitter`).
    public var maximumLineBytes: Int = 1 << 20
    /// Stop at the first invalid UTF-8 instead of replacing it with U+FFFD.
    public var strictUTF8 = false
    /// With two cores or more, run a pipeline's later stages on a thread of
    /// their own (`StageThread`), or on chunks side by side (`chunkBytes`);
    /// the output is the same either way.
    public var usesStageThread = true
    /// With `usesStageThread`, run the pipeline's later stages that can
    /// (`TextStage.chunkContext`: they decide from the survey) on chunks of
    /// about this many bytes side by side (`ChunkedStages`) instead; 0 never.
    /// The output is the same either way.
    public var chunkBytes = 1 << 18
    /// Chunks also on one core (for tests of the cut).
    package var chunksOnOneCore = false

    public init(blockSize: Int = 1 << 18, maximumLineBytes: Int = 1 << 20, strictUTF8: Bool = false,
                usesStageThread: Bool = true, chunkBytes: Int = 1 << 18) {
        self.blockSize = max(1, blockSize)
        self.maximumLineBytes = maximumLineBytes
        self.strictUTF8 = strictUTF8
        self.usesStageThread = usesStageThread
        self.chunkBytes = chunkBytes
    }
}

/// Where invalid UTF-8 was found: the first place and how many sequences.
public struct InvalidUTF8: Sendable, Equatable, Error, CustomStringConvertible {
    /// 0-based byte offset in the input of the first ill-formed sequence.
    public var offset: Int
    /// 1-based line and column of that sequence; the column counts characters
    /// (Unicode scalars, each ill-formed sequence one U+FFFD) as the reports do.
    public var line: Int
    public var column: Int
    /// Ill-formed sequences replaced by U+FFFD in all.
    public var count: Int

    public var description: String {
        "invalid UTF-8 at byte offset \(offset) (line \(line), column \(column))"
    }

    /// Where a whole text held in memory has invalid UTF-8, or nil when it has none.
    public static func first(in text: [UInt8]) -> InvalidUTF8? {
        guard let repair = UTF8Scan.repair(text) else { return nil }
        let before = text[..<repair.firstOffset]
        var lineStart = (before.lastIndex(of: 0x0A) ?? -1) + 1
        if lineStart == 0 && text.starts(with: [0xEF, 0xBB, 0xBF]) { lineStart = 3 }  // a byte order mark is no character
        return InvalidUTF8(offset: repair.firstOffset, line: before.count { $0 == 0x0A } + 1,
                           column: UTF8Scan.characterCount(text[lineStart..<repair.firstOffset]) + 1,
                           count: repair.replacements)
    }
}

/// What one run through the stream driver saw.
public struct StreamSummary: Sendable, Equatable {
    public var bytesRead = 0
    public var linesRead = 0
    public var linesWritten = 0
    public var bytesWritten = 0
    public var hadByteOrderMark = false
    /// Set when input had invalid UTF-8 (replaced with U+FFFD).
    public var invalidUTF8: InvalidUTF8?
    /// What the audit trail saw, when one was asked for.
    public var audit: AuditTrail.Summary?
}

/// Runs text from `source` through `stage` to `sink`, block by block.
///
/// Memory stays bounded whatever the input size: one block of input, the lines
/// in flight, and what the stages declare they hold back. Line endings and a
/// leading byte order mark pass through; invalid UTF-8 is replaced with U+FFFD
/// and counted in the summary, or stops the run with `InvalidUTF8` when
/// `settings.strictUTF8` is set. `onChange` receives every change the stages
/// report: each line's in the order of the stages, the lines' by block (by
/// chunk when the later stages run on chunks, so in another order than in
/// turn); when it is nil stages do not build change records. When the later
/// stages ran on chunks, `stage` is given back with them as they were before
/// the run (each chunk ran a copy of them).
/// `onAudit` receives the audit trail (see `AuditTrail`): records that, with
/// the output, give back every input byte. `onOutput` sees the output lines as
/// they are written, with their input line numbers.
@discardableResult
public func runStream<Stage: TextStage, Source: ByteSource, Sink: ByteSink>(
    _ stage: inout Stage, from source: inout Source, to sink: inout Sink,
    settings: StreamSettings = StreamSettings(),
    onChange: ((Change) throws -> Void)? = nil,
    onAudit: ((AuditRecord) throws -> Void)? = nil,
    onOutput: (([Line]) throws -> Void)? = nil
) throws -> StreamSummary {
    var summary = StreamSummary()
    var trail = onAudit.map { AuditTrail(emit: $0) }
    var splitter = LineSplitter(maximumLineBytes: settings.maximumLineBytes)
    var writer = LineWriter()
    var readBuffer = [UInt8](repeating: 0, count: settings.blockSize)
    var rawLines: [RawLine] = []
    var previousWasSplit = false
    var lines: [Line] = []

    // `lines` keeps what the stage held back from the block before; new lines go after them.
    // Each raw line is taken out of `rawLines` (an empty one left in its place), so the
    // line made of it holds its bytes alone: no count is taken on them here and dropped later.
    func decode(_ rawLines: inout [RawLine], _ range: Range<Int>) throws {
        lines.reserveCapacity(lines.count + range.count)
        let auditing = trail != nil
        for index in range {
            var raw = RawLine(bytes: [], ending: .none, number: 0, offset: 0)
            swap(&raw, &rawLines[index])
            if raw.number == 1 && raw.offset == 0 && raw.bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                summary.hadByteOrderMark = true
                writer.pendingByteOrderMark = true
                raw.bytes.removeFirst(3)
                raw.offset = 3
            }
            let before = charactersBefore(raw)  // every segment, so later segments know their line's characters
            if auditing { trail!.read(raw) }
            if let repair = UTF8Scan.repair(raw.bytes) {
                let found = InvalidUTF8(offset: raw.offset + repair.firstOffset, line: raw.number,
                                        column: before + UTF8Scan.characterCount(raw.bytes[..<repair.firstOffset]) + 1,
                                        count: repair.replacements)
                if settings.strictUTF8 { throw found }
                if summary.invalidUTF8 == nil { summary.invalidUTF8 = found } else { summary.invalidUTF8!.count += repair.replacements }
                raw.bytes = repair.bytes
            }
            if raw.ending != .split { summary.linesRead += 1 }
            var line = Line(bytes: [], ending: raw.ending, number: raw.number, isContinuation: previousWasSplit)
            swap(&line.bytes, &raw.bytes)
            lines.append(consume line)
            previousWasSplit = raw.ending == .split
        }
    }
    // The lines read, through the stages in parts of at most `maximumLinesPerPush`.
    func decodeAndPush(_ rawLines: inout [RawLine], atEnd: Bool) throws {
        var start = 0
        repeat {
            let end = min(rawLines.count, start + StreamSettings.maximumLinesPerPush)
            try decode(&rawLines, start..<end)
            start = end
            try push(atEnd: atEnd && start == rawLines.count)
        } while start < rawLines.count
        rawLines.removeAll(keepingCapacity: true)
    }

    // Segments of a cut line share its number; columns count from the line's first segment.
    var segmentLine = (number: 0, characters: 0)
    func charactersBefore(_ raw: RawLine) -> Int {
        if raw.number != segmentLine.number { segmentLine = (raw.number, 0) }
        let before = segmentLine.characters
        if raw.ending == .split { segmentLine.characters += UTF8Scan.characterCount(raw.bytes[...]) }
        return before
    }

    // The lines' arrays go back to the reader once written (`LineBytePool`).
    func deliver(_ output: consuming StageOutput) throws {
        if let onChange { for change in output.changes { try onChange(change) } }
        if trail != nil {
            trail!.noteChanges(output.changes)
            try trail!.wrote(output.lines)
        }
        try onOutput?(output.lines)
        summary.linesWritten += try writer.write(&output.lines, to: &sink, givingBackTo: &splitter.spareBytes)
    }
    /// Hands on outputs in order, each moved out of `results` so that its lines are its alone, up to the first error.
    func deliver(_ results: consuming [Result<StageOutput, Error>]) throws {
        for index in results.indices {
            var result: Result<StageOutput, Error> = .success(StageOutput())
            swap(&result, &results[index])
            switch consume result {
            case .success(let output): try deliver(output)
            case .failure(let error): throw error
            }
        }
    }

    // A pipeline of two stages or more on two cores: the later stages work on
    // one block on their thread while the earlier ones take the next here.
    var front: Pipeline?
    var back: StageThread?
    var frontChanges: [Change] = []  // of the block on the thread; they come before its own
    // Or: the later stages that decide from the survey alone on chunks side by side.
    var chunks: ChunkedStages?
    if settings.usesStageThread, StageThread.hasSecondCore || settings.chunksOnOneCore, let pipeline = stage as? Pipeline {
        // Chunks when they take at least the stages the stage thread would.
        if settings.chunkBytes > 0, let cut = ChunkedStages.chunkableSuffix(of: pipeline),
           cut <= StageThread.split(pipeline.stages) ?? 0 || settings.chunksOnOneCore {
            front = Pipeline(name: pipeline.name, stages: Array(pipeline.stages[..<cut]))
            chunks = ChunkedStages(Pipeline(name: pipeline.name, stages: Array(pipeline.stages[cut...])), chunkBytes: settings.chunkBytes,
                                   recordsChanges: onChange != nil || trail != nil)
        } else if StageThread.hasSecondCore, let cut = StageThread.split(pipeline.stages) {
            front = Pipeline(name: pipeline.name, stages: Array(pipeline.stages[..<cut]))
            back = StageThread(Pipeline(name: pipeline.name, stages: Array(pipeline.stages[cut...])))
        }
    }
    defer {
        if let front, let back {
            if back.isBusy { _ = back.take() }
            if let whole = Pipeline(name: front.name, stages: front.stages + back.stages.stages) as? Stage { stage = whole }
        }
        if let front, let chunks {
            chunks.cancel()
            if let whole = Pipeline(name: front.name, stages: front.stages + chunks.stages.stages) as? Stage { stage = whole }
        }
    }
    /// Hands the chunks done on, in order; at the end, every chunk.
    func deliverChunks(_ chunks: ChunkedStages, _ output: inout StageOutput, atEnd: Bool) throws {
        try deliver(chunks.add(&output))
        if atEnd { try deliver(chunks.finish()) }
    }
    func takeBack() throws {
        guard let back, back.isBusy else { return }
        var output = try back.take().get()
        output.changes = frontChanges + output.changes
        frontChanges = []
        try deliver(output)
    }

    func push(atEnd: Bool) throws {
        var output = StageOutput(recordsChanges: onChange != nil || trail != nil, reservingCapacity: lines.count)
        let name = front?.name ?? stage.name
        do {
            if front != nil {
                if atEnd { try front!.finish(&lines, into: &output) } else { try front!.consume(&lines, into: &output) }
            } else {
                if atEnd { try stage.finish(&lines, into: &output) } else { try stage.consume(&lines, into: &output) }
            }
            let limit = atEnd ? 0 : (front?.maximumHeldLines ?? stage.maximumHeldLines)
            if lines.count > limit { throw StageError.windowExceeded(stage: name, held: lines.count, limit: limit) }
        } catch {
            try takeBack()  // the block before comes out first, as it does when the stages run in turn
            if let chunks { try deliver(chunks.drain()) }
            throw error
        }
        if let chunks { return try deliverChunks(chunks, &output, atEnd: atEnd) }
        guard let back else { return try deliver(output) }
        try takeBack()
        back.submit(output.lines, atEnd: atEnd, recordsChanges: output.recordsChanges)
        frontChanges = output.changes
        if atEnd { try takeBack() }
    }

    while true {
        let count = try readBuffer.withUnsafeMutableBytes { try source.read(into: $0) }
        if count == 0 { break }
        summary.bytesRead += count
        readBuffer.withUnsafeBytes { splitter.split(UnsafeRawBufferPointer(rebasing: $0[0..<count]), into: &rawLines) }
        guard !rawLines.isEmpty else { continue }
        try decodeAndPush(&rawLines, atEnd: false)
    }
    splitter.finish(into: &rawLines)
    try decodeAndPush(&rawLines, atEnd: true)
    if trail != nil {
        try trail!.finish()
        summary.audit = trail!.summary
    }
    try writer.flush(to: &sink)
    summary.bytesWritten = writer.bytesWritten
    return summary
}

/// Buffers output lines and writes them in large blocks. Its buffer is a
/// class shared by copies: one writer a stream, never copied.
struct LineWriter {
    /// Output not yet written: the first `used` bytes of `buffer`. It keeps the
    /// size it grew to, and each line's bytes are copied into it whole (one
    /// memcpy) through its pointer (an array's would be asked for on each line).
    let buffer = ByteBuffer(capacity: 0)
    var used = 0
    var pendingByteOrderMark = false
    var bytesWritten = 0
    let flushThreshold = 1 << 18

    /// Writes `lines` and gives each one's bytes to `spares` (a line whose
    /// bytes are kept is left empty); returns how many of them end a line (all but cut segments).
    /// The blocks written are the same as when each line is appended in turn:
    /// a block goes out once it holds `flushThreshold` bytes, after the line that filled it.
    mutating func write<Sink: ByteSink>(_ lines: inout [Line], to sink: inout Sink, givingBackTo spares: inout LineBytePool) throws -> Int {
        if pendingByteOrderMark {
            append([0xEF, 0xBB, 0xBF])
            pendingByteOrderMark = false
        }
        var ended = 0
        try lines.withUnsafeMutableBufferPointer { lines in
            for index in lines.indices {
                let ending = lines[index].ending
                let count = lines[index].bytes.count
                let needed = used + count + (ending == .crlf ? 2 : 1)
                if needed > buffer.capacity { buffer.reserve(max(needed, flushThreshold + 4096), keeping: used) }
                let at = UnsafeMutableRawPointer(buffer.base + used)
                if count > 0 { lines[index].bytes.withUnsafeBytes { at.copyMemory(from: $0.baseAddress!, byteCount: count) } }
                switch ending {
                case .lf: at.storeBytes(of: 0x0A, toByteOffset: count, as: UInt8.self); used += count + 1
                case .crlf:
                    at.storeBytes(of: 0x0D, toByteOffset: count, as: UInt8.self)
                    at.storeBytes(of: 0x0A, toByteOffset: count + 1, as: UInt8.self)
                    used += count + 2
                case .none, .split: used += count
                }
                if ending != .split { ended += 1 }
                spares.giveBack(&lines[index].bytes)
                if used >= flushThreshold { try flush(to: &sink) }
            }
        }
        return ended
    }

    /// Appends `bytes` to what is not yet written.
    private mutating func append(_ bytes: [UInt8]) {
        buffer.reserve(used + bytes.count, keeping: used)
        bytes.withUnsafeBytes { UnsafeMutableRawPointer(buffer.base + used).copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        used += bytes.count
    }

    mutating func flush<Sink: ByteSink>(to sink: inout Sink) throws {
        guard used > 0 else { return }
        bytesWritten += used
        try sink.write(UnsafeRawBufferPointer(start: buffer.base, count: used))
        used = 0
    }
}
