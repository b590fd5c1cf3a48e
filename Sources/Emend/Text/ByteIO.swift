#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where bytes come from: a file descriptor, or memory in tests.
public protocol ByteSource {
    /// Reads up to `buffer.count` bytes; returns 0 at end of input.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// Where bytes go.
public protocol ByteSink {
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws
}

/// Errors reading input or writing output, each with the OS's own words.
public enum IOError: Error, Equatable, CustomStringConvertible {
    case read(path: String, errno: Int32)
    case write(errno: Int32)
    /// The reader of our output went away (`emend big.txt | head`): not an error to show.
    case closedPipe

    public var description: String {
        switch self {
        case let .read(path, code): return "cannot read \(path): \(String(cString: strerror(code)))"
        case let .write(code): return "cannot write output: \(String(cString: strerror(code)))"
        case .closedPipe: return "output closed"
        }
    }
}

/// Reads from a POSIX file descriptor (retrying on EINTR).
public struct FileDescriptorSource: ByteSource {
    public let descriptor: Int32
    public let path: String

    public init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            #if canImport(Glibc)
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            #else
            let count = Darwin.read(descriptor, buffer.baseAddress, buffer.count)
            #endif
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw IOError.read(path: path, errno: errno)
        }
    }
}

/// Writes to a POSIX file descriptor, whole buffers, retrying on EINTR.
public struct FileDescriptorSink: ByteSink {
    public let descriptor: Int32

    public init(descriptor: Int32) { self.descriptor = descriptor }

    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            #if canImport(Glibc)
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            #else
            let written = Darwin.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            #endif
            if written >= 0 { offset += written; continue }
            if errno == EINTR { continue }
            if errno == EPIPE { throw IOError.closedPipe }
            throw IOError.write(errno: errno)
        }
    }
}

/// Bytes in memory, handed out in pieces of a fixed size (tests use 1, 2, 3, 7 …
/// to show output does not depend on how input arrives).
public struct MemorySource: ByteSource {
    private let bytes: [UInt8]
    private var position = 0
    public let pieceSize: Int

    public init(_ bytes: [UInt8], pieceSize: Int = 1 << 16) {
        self.bytes = bytes
        self.pieceSize = max(1, pieceSize)
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, pieceSize, bytes.count - position)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { raw in
            buffer.baseAddress!.copyMemory(from: raw.baseAddress! + position, byteCount: count)
        }
        position += count
        return count
    }
}

/// Collects written bytes in memory.
public struct MemorySink: ByteSink {
    public private(set) var bytes: [UInt8] = []
    public init() {}
    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        self.bytes.append(contentsOf: bytes)
    }
}
