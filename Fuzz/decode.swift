@testable import Emend

/// Input conversion through ICU: any bytes in several encodings, in pieces of any
/// size, give the same UTF-8 as in one piece, and always well-formed UTF-8.
let encodings = ["UTF-16LE", "UTF-16BE", "UTF-16", "windows-1251", "KOI8-R", "Shift_JIS", "GB18030", "UTF-32"]

func decode(_ input: [UInt8], _ encoding: String?, pieceSize: Int, readSize: Int) -> ([UInt8], InvalidEncoding?)? {
    guard var source = try? DecodingSource(MemorySource(input, pieceSize: pieceSize), encoding: encoding) else {
        fatalError("cannot open \(encoding ?? "UTF-8")")
    }
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: readSize)
    do {
        while true {
            let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { break }
            output += buffer[0..<count]
        }
    } catch is UndeclaredUTF16 {
        return nil
    } catch {
        fatalError("unexpected error \(error)")
    }
    return (output, source.invalid)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 2 else { return 0 }
    let input = Array(bytes(data, size).dropFirst(2))
    let encoding = data[0] % 9 == 8 ? nil : encodings[Int(data[0] % 9)]
    let whole = decode(input, encoding, pieceSize: 1 << 16, readSize: 1 << 16)
    let pieces = decode(input, encoding, pieceSize: 1 + Int(data[1]) % 13, readSize: 1 + Int(data[1]) / 13)
    if whole?.0 != pieces?.0 { fatalError("output depends on read sizes") }
    if let encoding, let output = whole?.0, UTF8Scan.repair(output) != nil { fatalError("\(encoding) gave ill-formed UTF-8") }
    return 0
}
