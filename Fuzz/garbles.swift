@testable import Emend

let stage = try! GarbleRepair()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    checkStage(stage, data, size)
    return 0
}
