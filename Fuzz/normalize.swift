@testable import Emend

let stages = ICU.NormalizationForm.allCases.map { UnicodeNormalizer(configuration: .init(form: $0)) }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    checkStage(stages[size % stages.count], data, size)
    return 0
}
