import Dispatch
import Foundation

/// The later stages of a pipeline, run on a thread of their own: while they
/// work on one block, the stream driver runs the earlier stages on the next.
///
/// Each stage still sees the same blocks in the same order as when the
/// pipeline runs whole, so the output and the changes are the same; only the
/// two halves overlap in time. One block at most is in flight, and the driver
/// takes its result before it hands over the next, so the stages are never
/// touched from two threads at once.
final class StageThread: @unchecked Sendable {
    private(set) var stages: Pipeline
    private let queue = DispatchQueue(label: "emend.stages")
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<StageOutput, Error>?
    /// True while a block is on the thread.
    private(set) var isBusy = false

    init(_ stages: Pipeline) { self.stages = stages }

    /// Hands `lines` to the stages; `take()` gives what they made of them.
    func submit(_ lines: [Line], atEnd: Bool, recordsChanges: Bool) {
        precondition(!isBusy, "one block at a time")
        isBusy = true
        queue.async { [self] in
            result = Result {
                var input = lines
                var output = StageOutput(recordsChanges: recordsChanges, reservingCapacity: input.count)
                if atEnd { try stages.finish(&input, into: &output) } else { try stages.consume(&input, into: &output) }
                return output
            }
            done.signal()
        }
    }

    /// Waits for the block handed over last.
    func take() -> Result<StageOutput, Error> {
        precondition(isBusy, "no block on the thread")
        done.wait()
        isBusy = false
        defer { result = nil }
        return result!
    }

    /// True on a machine with two cores or more.
    static let hasSecondCore = ProcessInfo.processInfo.activeProcessorCount >= 2

    /// Where to cut `stages` in two: before the stage that costs most per
    /// byte (garbles, transliterate), or in the middle; nil for one stage.
    static func split(_ stages: [any TextStage]) -> Int? {
        guard stages.count >= 2 else { return nil }
        let costliest = ["garbles", "transliterate"]
        if let index = stages.firstIndex(where: { costliest.contains($0.name) }) { return max(index, 1) }
        return stages.count / 2
    }
}
