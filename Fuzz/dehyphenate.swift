@testable import Emend

let stages = [false, true].compactMap { reflow in try? Dehyphenator(configuration: .init(reflowsParagraphs: reflow, window: 8)) }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    checkStage(stages[size % stages.count], data, size)
    return 0
}
