// Shared by every fuzz target (compiled into each one; see scripts/fuzz).
@testable import Emend

/// The fuzzer's bytes as an array.
func bytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
    Array(UnsafeBufferPointer(start: data, count: size))
}

/// Runs `stage` over `input` through the stream driver, delivered in pieces of
/// `pieceSize` bytes with read blocks of `blockSize` and lines cut at `maximumLineBytes`;
/// a stage error (a declared bound exceeded, ICU refusing text) is an answer, not a crash.
@discardableResult
func stream<S: TextStage>(_ stage: S, _ input: [UInt8], pieceSize: Int = 1 << 16, blockSize: Int = 1 << 18,
                          maximumLineBytes: Int = 1 << 20) -> [UInt8]? {
    var stage = stage
    var source = MemorySource(input, pieceSize: pieceSize)
    var sink = MemorySink()
    let settings = StreamSettings(blockSize: blockSize, maximumLineBytes: maximumLineBytes)
    do {
        try runStream(&stage, from: &source, to: &sink, settings: settings) { _ in }
    } catch is StageError {
        return nil
    } catch {
        fatalError("unexpected error \(error)")
    }
    return sink.bytes
}

/// Runs `stage` over the input whole and in small pieces, with change records:
/// both runs must give the same bytes (output does not depend on how input arrives).
func checkStage<S: TextStage>(_ stage: S, _ data: UnsafePointer<UInt8>, _ size: Int) {
    let input = bytes(data, size)
    let whole = stream(stage, input)
    let pieces = stream(stage, input, pieceSize: 1 + (input.first.map(Int.init) ?? 0) % 7, maximumLineBytes: 64)
    // Lines cut at 64 bytes are decided segment by segment, so only the same-bound run compares.
    let wholeCut = stream(stage, input, maximumLineBytes: 64)
    if let pieces, let wholeCut, pieces != wholeCut { fatalError("output depends on how input arrives") }
    _ = whole
}
