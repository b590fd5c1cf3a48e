#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A line as cut from the input, before UTF-8 checking: its content, ending,
/// input line number and the byte offset where its content starts.
package struct RawLine: Sendable, Equatable {
    public var bytes: [UInt8]
    public var ending: LineEnding
    public var number: Int
    public var offset: Int
}

/// Cuts a byte stream into lines, whatever the size of the blocks it arrives in.
///
/// Keeps each line's ending (LF or CRLF; a lone CR is content). A line longer
/// than `maximumLineBytes` is never buffered whole: it is cut into segments of
/// at most that size, at the last space or else at a character boundary, each
/// with `LineEnding.split` but the last, so the bytes written back are the same.
package struct LineSplitter: Sendable {
    public let maximumLineBytes: Int
    private var carry: [UInt8] = []
    /// Input line number of the next line (1-based).
    private var lineNumber = 1
    /// Absolute offset of the first byte of `carry` (or of the next line).
    private var carryOffset = 0
    /// Arrays of lines already written, filled for the next lines read
    /// instead of new ones (the stream driver's writer gives them back).
    package var spareBytes = LineBytePool()

    public init(maximumLineBytes: Int = 1 << 20) {
        precondition(maximumLineBytes >= 8, "maximumLineBytes must be at least 8")
        self.maximumLineBytes = maximumLineBytes
    }

    /// Cuts the complete lines out of `chunk` (plus what was carried from
    /// earlier chunks) and appends them to `lines`.
    public mutating func split(_ chunk: UnsafeRawBufferPointer, into lines: inout [RawLine]) {
        guard let base = chunk.baseAddress, chunk.count > 0 else { return }
        var start = 0
        while start < chunk.count {
            guard let found = memchr(base + start, 0x0A, chunk.count - start) else { break }
            let newline = base.distance(to: UnsafeRawPointer(found))
            if carry.isEmpty {
                emit(UnsafeRawBufferPointer(rebasing: chunk[start..<newline]), newline: true, into: &lines)
            } else {
                carry.append(contentsOf: chunk[start..<newline])
                let joined = carry
                carry.removeAll(keepingCapacity: true)
                joined.withUnsafeBytes { emit($0, newline: true, into: &lines) }
            }
            start = newline + 1
        }
        if start < chunk.count {
            carry.append(contentsOf: chunk[start...])
            cutOverlongCarry(into: &lines)
        }
    }

    /// Emits the last line when the input does not end with a newline.
    public mutating func finish(into lines: inout [RawLine]) {
        guard !carry.isEmpty else { return }
        let rest = carry
        carry.removeAll()
        rest.withUnsafeBytes { emit($0, newline: false, into: &lines) }
    }

    private mutating func emit(_ content: UnsafeRawBufferPointer, newline: Bool, into lines: inout [RawLine]) {
        var body = content
        var ending: LineEnding = newline ? .lf : .none
        if newline, body.count > 0, body[body.count - 1] == 0x0D {
            ending = .crlf
            body = UnsafeRawBufferPointer(rebasing: body[..<(body.count - 1)])
        }
        var offset = 0
        while body.count - offset > maximumLineBytes {
            let cut = Self.cutPoint(in: UnsafeRawBufferPointer(rebasing: body[offset...]), limit: maximumLineBytes)
            lines.append(RawLine(bytes: copy(body, offset..<(offset + cut)), ending: .split,
                                 number: lineNumber, offset: carryOffset + offset))
            offset += cut
        }
        lines.append(RawLine(bytes: copy(body, offset..<body.count), ending: ending, number: lineNumber, offset: carryOffset + offset))
        carryOffset += content.count + (newline ? 1 : 0)
        lineNumber += 1
    }

    /// The bytes of `range` of `bytes` as an array, copied whole (memcpy; an
    /// array made from a slice of raw bytes is copied byte by byte), into a
    /// spare array when one fits.
    @inline(__always)
    private mutating func copy(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> [UInt8] {
        spareBytes.make(UnsafeRawBufferPointer(rebasing: bytes[range]))
    }

    /// Keeps the carried part of an unfinished line under the bound by
    /// emitting full segments of it.
    private mutating func cutOverlongCarry(into lines: inout [RawLine]) {
        // A carried final CR may be the first half of a CRLF: it does not count, as in `emit`.
        let length = carry.count - (carry.last == 0x0D ? 1 : 0)
        guard length > maximumLineBytes else { return }
        var offset = 0
        let carried = carry
        carried.withUnsafeBytes { raw in
            while length - offset > maximumLineBytes {
                let cut = Self.cutPoint(in: UnsafeRawBufferPointer(rebasing: raw[offset...]), limit: maximumLineBytes)
                lines.append(RawLine(bytes: copy(raw, offset..<(offset + cut)), ending: .split,
                                     number: lineNumber, offset: carryOffset + offset))
                offset += cut
            }
        }
        carry.removeSubrange(0..<offset)
        carryOffset += offset
    }

    /// Where to cut a segment of at most `limit` bytes: after the last space in
    /// its final quarter, else before a byte that starts a character (else at the limit).
    static func cutPoint(in bytes: UnsafeRawBufferPointer, limit: Int) -> Int {
        let floor = limit - limit / 4
        var index = limit
        while index > floor {
            if bytes[index - 1] == UInt8(ascii: " ") { return index }
            index -= 1
        }
        // A character is at most 4 bytes: its start is near; if not, the bytes are
        // not UTF-8 (repaired later) and any place will do.
        index = limit
        while index > limit - 4, index > 1, UTF8Scan.isContinuation(bytes[index]) { index -= 1 }
        return UTF8Scan.isContinuation(bytes[index]) ? limit : index
    }
}
