@testable import Emend

/// The stream driver with a pipeline of cheap stages, fed in random pieces with
/// random read blocks and line bounds (taken from the first bytes): the output
/// is the same as with one piece, and the summary counts the same lines.
let pipeline = Pipeline(stages: [UnicodeNormalizer(), WhitespaceNormalizer(), try! Dehyphenator(configuration: .init(window: 4))])

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 3 else { return 0 }
    let input = Array(bytes(data, size).dropFirst(3))
    let pieceSize = 1 + Int(data[0]) % 32
    let blockSize = 1 + Int(data[1]) * 3
    let lineBound = 8 + Int(data[2]) % 64
    let reference = stream(pipeline, input, maximumLineBytes: lineBound)
    let varied = stream(pipeline, input, pieceSize: pieceSize, blockSize: blockSize, maximumLineBytes: lineBound)
    if reference != varied { fatalError("output depends on read sizes (piece \(pieceSize), block \(blockSize))") }
    return 0
}
