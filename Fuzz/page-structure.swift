@testable import Emend

let stages = PageStructure.FootnotePlacement.allCases.compactMap { placement in
    try? PageStructure(configuration: .init(window: 8, footnotes: placement)) }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    checkStage(stages[size % stages.count], data, size)
    return 0
}
