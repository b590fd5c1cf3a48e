/// A byte string as the key of a set or dictionary, hashed in one call over
/// its bytes (an array of bytes is hashed byte by byte, a call per byte).
/// Equal when the bytes are; nothing else about it differs from the array.
package struct ByteKey: Hashable, Sendable {
    package var bytes: [UInt8]

    @inline(__always)
    package init(_ bytes: [UInt8]) { self.bytes = bytes }

    package func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    package static func == (a: ByteKey, b: ByteKey) -> Bool { a.bytes == b.bytes }
}
