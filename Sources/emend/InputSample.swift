import Emend

/// The raw bytes of an input kept for `LegacyEncodingGuess`: up to 64 KiB
/// from its first byte beyond ASCII (ASCII reads the same in every encoding
/// the guess weighs, so only what follows tells them apart).
final class InputSample {
    static let capacity = 1 << 16
    private(set) var bytes: [UInt8] = []

    /// Keeps what `chunk` adds to the sample.
    func add(_ chunk: UnsafeRawBufferPointer) {
        guard bytes.count < Self.capacity else { return }
        var start = 0
        if bytes.isEmpty {
            guard let first = UTF8Scan.firstNonASCII(in: chunk) else { return }
            start = first
        }
        let end = min(chunk.count, start + Self.capacity - bytes.count)
        bytes.append(contentsOf: chunk[start..<end])
    }

    /// The sample of a whole input held in memory.
    static func of(_ whole: [UInt8]) -> InputSample {
        let sample = InputSample()
        whole.withUnsafeBytes { sample.add($0) }
        return sample
    }
}

/// A `ByteSource` that hands out `base`'s bytes unchanged and keeps a sample of them.
struct SampledSource<Base: ByteSource>: ByteSource {
    var base: Base
    let sample: InputSample

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = try base.read(into: buffer)
        if count > 0 { sample.add(UnsafeRawBufferPointer(rebasing: buffer[0..<count])) }
        return count
    }
}
