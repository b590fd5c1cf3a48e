@testable import Emend

let stages = [false, true].flatMap { trailing in [false, true].flatMap { runs in [false, true].map { leading in
    WhitespaceNormalizer(configuration: .init(trailing: trailing, runs: runs, leading: leading)) } } }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    checkStage(stages[size % stages.count], data, size)
    return 0
}
