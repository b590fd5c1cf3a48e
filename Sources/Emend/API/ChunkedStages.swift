import Dispatch
import Foundation

/// The later stages of a pipeline run on parts of the stream side by side:
/// the lines the earlier stages hand on are cut into chunks of about
/// `chunkBytes`, at a paragraph break when the buffer has one past a chunk's
/// bytes, else after any line (`nextCut`), and each chunk goes through its own copy
/// of the stages on a thread of the pool while the stream driver reads on.
///
/// The stages must each say how far around a line they look
/// (`TextStage.chunkContext`), which they do only when they decide from the
/// document's survey: a copy is given `context` lines before its chunk and
/// after it as well, and keeps of what it makes only the lines (and changes)
/// of the chunk's own input lines, so the output and the changes are the ones
/// the stages make of the stream whole, wherever the cuts fall. Chunks are
/// taken back in order; at most `maximumInFlight` are out at once, so memory
/// stays bounded. Once a line cut into segments comes (`LineSplitter`), the
/// rest of the stream goes through one copy of the stages in turn. Chunks wait
/// in one queue and go, oldest first, to whichever of two threads is free
/// (`ChunkQueue`), so that neither thread idles while a chunk waits for the
/// other, busy with a longer one. The copies on one thread share what the stages
/// cache for the document; each thread has caches of its own where a stage
/// keeps any (`ThreadCaches`: the garbles stage's `TokenFacts`, read for every
/// token under a lock the other thread then waited for), and the rest stays
/// shared (`TokenDecisions`, each costly and held briefly).
final class ChunkedStages: @unchecked Sendable {
    /// The stages each thread copies for its chunks: the stages as surveyed
    /// for the first, for each other the same with caches of its own (`ThreadCaches`).
    private let stagesOfWorker: [Pipeline]
    /// The stages as surveyed (the first thread's), copied also for the rest
    /// of the stream when it goes on in turn.
    var stages: Pipeline { stagesOfWorker[0] }
    /// Lines given before and after each chunk: what the stages read around a line (`chunkContext`).
    let context: Int
    let chunkBytes: Int
    let recordsChanges: Bool
    static let maximumInFlight = 4
    /// How many chunks' bytes the buffer holds before a chunk is cut after any
    /// line when no blank line lies past a chunk's bytes in it (text with no
    /// paragraph breaks, or a long paragraph there): each chunk in flight
    /// holds its lines twice (in and out), so this bounds them.
    static let chunksBeforeAnyLine = 1

    /// Lines handed on and not yet in a chunk, and their bytes.
    private var buffer: [Line] = []
    private var bufferBytes = 0
    /// The most lines one block has brought: the buffer keeps room for two such
    /// blocks after a cut, so that the next blocks' lines join it without moving it.
    private var blockLines = 0
    /// The last `context` lines of the chunks already made.
    private var before: [Line] = []
    /// Changes of the earlier stages not yet handed back (they come before their chunk's own).
    private var earlierChanges: [Change] = []
    private var inFlight: [Job] = []
    /// The chunks started and not yet taken by a thread, which the threads
    /// take from (started with the first chunk; stopped when this is freed).
    private let queue = ChunkQueue()
    private var threadsStarted = false
    private static let threads = 2

    /// One chunk on its way through a copy of the stages.
    private final class Job: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        var result: Result<StageOutput, Error>?
        let earlierChanges: [Change]
        /// The numbers of the chunk's own input lines (the rest is context).
        let own: LineNumberSet
        let recordsChanges: Bool
        /// The chunk's lines with the context around them, until its thread takes them.
        private var input: [Line]
        init(earlierChanges: [Change], own: LineNumberSet, recordsChanges: Bool, input: [Line]) {
            self.earlierChanges = earlierChanges
            self.own = own
            self.recordsChanges = recordsChanges
            self.input = input
        }

        /// Runs the chunk through `stages` (a fresh copy of the taking
        /// thread's stages) and signals `done`. The input is handed over
        /// once: the job keeps no copy, so the stages own the lines alone.
        func run(through stages: Pipeline) {
            var stages = stages
            var lines: [Line] = []
            swap(&lines, &input)
            result = Result {
                var output = StageOutput(recordsChanges: recordsChanges, reservingCapacity: lines.count)
                try stages.finish(&lines, into: &output)
                ChunkedStages.keep(&output) { own.contains($0) }
                return output
            }
            done.signal()
        }
    }

    /// The jobs waiting for a thread, oldest first, and the threads' wait for
    /// them. Never holds a finished job; `stop` lets the threads end.
    private final class ChunkQueue: @unchecked Sendable {
        private let condition = NSCondition()
        private var waiting: [Job] = []
        private var first = 0
        private var stopped = false

        func put(_ job: Job) {
            condition.lock()
            waiting.append(job)
            condition.signal()
            condition.unlock()
        }

        /// The oldest job waiting, after waiting for one; nil once stopped and empty.
        func take() -> Job? {
            condition.lock()
            defer { condition.unlock() }
            while first == waiting.count && !stopped { condition.wait() }
            guard first < waiting.count else { return nil }
            let job = waiting[first]
            first += 1
            if first == waiting.count { waiting.removeAll(keepingCapacity: true); first = 0 }
            return job
        }

        func stop() {
            condition.lock()
            stopped = true
            condition.broadcast()
            condition.unlock()
        }
    }

    deinit { queue.stop() }

    /// Starts the threads that take the chunks, each with its stages (once, before the first chunk).
    private func startThreads() {
        threadsStarted = true
        for (index, stages) in stagesOfWorker.enumerated() {
            let queue = queue, held = HeldStages(stages)
            // A serial queue of its own each, so that a thread waiting in the driver never starves them.
            DispatchQueue(label: "emend.chunks.\(index)").async {
                while let job = queue.take() { job.run(through: held.stages) }
            }
        }
    }

    /// A thread's stages, handed to it once and only read there.
    private final class HeldStages: @unchecked Sendable {
        let stages: Pipeline
        init(_ stages: Pipeline) { self.stages = stages }
    }

    /// The stages of `pipeline` from `start` on, when they can run in chunks:
    /// each has a `chunkContext`; nil otherwise.
    static func chunkableSuffix(of pipeline: Pipeline) -> Int? {
        var start = pipeline.stages.count
        while start > 0, pipeline.stages[start - 1].chunkContext != nil { start -= 1 }
        return start < pipeline.stages.count ? start : nil
    }

    init(_ stages: Pipeline, chunkBytes: Int, recordsChanges: Bool) {
        stagesOfWorker = [stages] + (1..<Self.threads).map { _ in
            var copy = stages
            copy.takeThreadCachesOfItsOwn()
            return copy
        }
        // Each stage's window counts the lines the one before hands on, which
        // may have dropped some (a line that held only a broken word's end):
        // the sum, twice over.
        context = 2 * stages.stages.reduce(0) { $0 + ($1.chunkContext ?? 0) } + 4
        self.chunkBytes = max(1, chunkBytes)
        self.recordsChanges = recordsChanges
    }

    /// Takes what the earlier stages made of a block; gives back the chunks
    /// done so far, in order (waiting for the oldest when too many are out).
    /// The lines are moved out of `output` (it is left without them), so that
    /// the buffer holds the only reference to each line's bytes.
    func add(_ output: inout StageOutput) -> [Result<StageOutput, Error>] {
        var hasSplit = false
        blockLines = max(blockLines, output.lines.count)
        for index in output.lines.indices {
            bufferBytes += output.lines[index].bytes.count + 1
            if output.lines[index].ending == .split { hasSplit = true }
        }
        buffer.moveAppend(&output.lines)
        earlierChanges.append(contentsOf: output.changes)
        // A cut line's segments share its number; lines of 2 KB and more on
        // average (a paragraph a line) make the context around each chunk cost
        // as much as the chunk: either way the rest goes in turn.
        if inTurn == nil, hasSplit || (bufferBytes > 1 << 20 && buffer.count < 4 * context) {
            return goOnInTurn(atEnd: false)
        }
        if inTurn != nil { return [runInTurn(atEnd: false)] }
        var done: [Result<StageOutput, Error>] = []
        while let cut = nextCut() {
            start(through: cut, atEnd: false)
            done += takeDone(waitingAbove: Self.maximumInFlight)
        }
        return done + takeDone(waitingAbove: Self.maximumInFlight)
    }

    /// Gives back the chunks already out, in order, leaving the lines not yet
    /// in a chunk (after an error of the earlier stages: the stages run in turn
    /// would still hold them).
    func drain() -> [Result<StageOutput, Error>] { takeDone(waitingAbove: 0) }

    /// Sends what is left as the last chunk and gives back every chunk still out, in order.
    func finish() -> [Result<StageOutput, Error>] {
        if inTurn != nil { return [runInTurn(atEnd: true)] }
        start(through: buffer.count - 1, atEnd: true)
        return takeDone(waitingAbove: 0)
    }

    // MARK: A line cut into segments

    /// The copy of the stages that takes the rest of the stream in turn, once a
    /// line cut into segments has come (its segments share its number, and a
    /// line longer than any chunk holds no place to cut), and the numbers of the
    /// lines it was first given as context, whose output is not its own.
    private var inTurn: Pipeline?
    private var contextNumbers = Set<Int>()

    /// Gives back every chunk still out, then goes on with the rest of the
    /// stream through one copy of the stages, given the lines before as context.
    private func goOnInTurn(atEnd: Bool) -> [Result<StageOutput, Error>] {
        var done = takeDone(waitingAbove: 0)
        inTurn = stages
        contextNumbers = Set(before.map(\.number))
        buffer = before + buffer
        done.append(runInTurn(atEnd: atEnd))
        return done
    }

    /// The buffer through the copy taking the stream in turn.
    private func runInTurn(atEnd: Bool) -> Result<StageOutput, Error> {
        let changes = earlierChanges
        earlierChanges = []
        return Result {
            var output = StageOutput(recordsChanges: recordsChanges, reservingCapacity: buffer.count)
            if atEnd { try inTurn!.finish(&buffer, into: &output) } else { try inTurn!.consume(&buffer, into: &output) }
            if !contextNumbers.isEmpty { Self.keep(&output) { !contextNumbers.contains($0) } }
            output.changes = changes + output.changes
            return output
        }
    }

    /// Waits for every chunk still out and drops its result (after an error).
    func cancel() { for job in inFlight { job.done.wait() }; inFlight.removeAll() }

    /// The index of the last line of the next chunk, when the buffer holds a
    /// chunk's bytes, a place to cut and the `context` lines after it: after a
    /// blank line, or (when the buffer has `chunksBeforeAnyLine` chunks' bytes and no blank
    /// line) after any line, where the next line's number is higher than every
    /// number before and the last line with text ends in no hyphen.
    private func nextCut() -> Int? {
        guard bufferBytes >= chunkBytes, buffer.count > context else { return nil }
        return cutScan.find(in: buffer, before: buffer.count - context, chunkBytes: chunkBytes,
                            anyLineBytes: Self.chunksBeforeAnyLine * chunkBytes)
    }
    /// How far `nextCut` has read the buffer; reset when lines leave its front (`start`).
    private var cutScan = CutScan()

    /// A scan for the place to cut (`nextCut`) that goes on where it stopped:
    /// what it finds at a line depends only on that line, the lines before it
    /// and the one after, so lines added at the end leave what it read as it was.
    struct CutScan {
        /// The next line to read.
        private(set) var next = 0
        private var bytes = 0
        private var highest = Int.min
        /// The last line with text ends in a hyphen: the line after may be told so.
        private var textEndsBroken = false
        private var fallback: Int?

        /// Reads `lines[next..<end]` (each with the line after it) and gives the
        /// first line after which to cut (a blank one, once `chunkBytes` are read), else the first
        /// after `anyLineBytes`, when there is one so far. Never changes the lines.
        mutating func find(in lines: [Line], before end: Int, chunkBytes: Int, anyLineBytes: Int) -> Int? {
            while next < end {
                let index = next
                next += 1
                bytes += lines[index].bytes.count + 1
                highest = max(highest, lines[index].number)
                if let last = lines[index].bytes.last(where: { $0 != 0x20 && $0 != 0x09 }) { textEndsBroken = last == UInt8(ascii: "-") }
                // A chunk keeps the lines of its own input lines: no line after the cut may share a number with one before
                // (the segments of a cut line, the lines an earlier stage made of one).
                guard bytes >= chunkBytes, lines[index + 1].number > highest, !textEndsBroken else { continue }
                if PageSegmentation.isBlank(lines[index]) { return index }
                if fallback == nil, bytes >= anyLineBytes { fallback = index }
            }
            return fallback
        }
    }

    /// Keeps of `output` the lines and changes of the input lines whose numbers `isOwn` accepts.
    /// The lines not kept are most often the context's alone, a run before the
    /// chunk's own and a run after them: those two runs are cut off and the
    /// kept lines slide down as they are (removing them one by one swaps
    /// every kept line into place, a count taken and dropped on its bytes each
    /// time); else each line is decided. The same lines stay, in order, either way.
    static func keep(_ output: inout StageOutput, _ isOwn: (Int) -> Bool) {
        var start = 0
        while start < output.lines.count, !isOwn(output.lines[start].number) { start += 1 }
        var end = output.lines.count
        while end > start, !isOwn(output.lines[end - 1].number) { end -= 1 }
        var index = start
        while index < end, isOwn(output.lines[index].number) { index += 1 }
        if index == end {
            output.lines.removeSubrange(end...)
            output.lines.removeSubrange(..<start)
        } else {
            output.lines.removeAll { !isOwn($0.number) }
        }
        output.changes.removeAll { !isOwn($0.line) }
    }

    /// Sends `buffer[...last]` through a copy of the stages, with the context around it.
    /// The chunk's own lines are moved into its input, which its job owns
    /// alone, and the buffer keeps the lines after them, moved, not copied: the stages then hold
    /// the only reference to a line's bytes (but for the context lines) and
    /// change them without copying them.
    private func start(through last: Int, atEnd: Bool) {
        let end = atEnd ? last + 1 : min(buffer.count, last + 1 + context)
        let own = LineNumberSet((0..<(last + 1)).lazy.map { self.buffer[$0].number })
        cutScan = CutScan()
        for index in 0..<(last + 1) { bufferBytes -= buffer[index].bytes.count + 1 }
        let nextBefore = last + 1 >= context ? Array(buffer[(last + 1 - context)...last]) : Array((before + buffer[0..<(last + 1)]).suffix(context))
        var input: [Line] = []
        swap(&input, &buffer)
        // The lines after the chunk are moved back to the buffer, and its context after copied from there.
        buffer = input.moveOutSuffix(from: last + 1, reservingExtra: 2 * blockLines)
        input.append(contentsOf: buffer[..<(end - last - 1)])
        input.moveInFront(&before)
        before = nextBefore
        let job = Job(earlierChanges: earlierChanges, own: own, recordsChanges: recordsChanges, input: input)
        input = []
        earlierChanges = []
        inFlight.append(job)
        // The last chunk with none out (a short input: the only one) runs here, on
        // the first thread's stages, which no thread then uses: no thread is
        // started or woken for it.
        if atEnd && inFlight.count == 1 { return job.run(through: stagesOfWorker[0]) }
        if !threadsStarted { startThreads() }
        queue.put(job)
    }

    /// The chunks done at the front of the queue, waiting while more than `limit` are out.
    private func takeDone(waitingAbove limit: Int) -> [Result<StageOutput, Error>] {
        var done: [Result<StageOutput, Error>] = []
        while let job = inFlight.first {
            if inFlight.count > limit { job.done.wait() } else if job.done.wait(timeout: .now()) == .timedOut { break }
            inFlight.removeFirst()
            // Moved out of the job (its thread may still hold it a moment): the output's lines are then its alone.
            var result: Result<StageOutput, Error>?
            swap(&result, &job.result)
            done.append(result!.map { output in
                var output = output
                output.changes = job.earlierChanges + output.changes
                return output
            })
        }
        return done
    }
}
