@testable import Emend

// Cyrillic to a scheme, a scheme's Russian words in English prose to another, and text all in a scheme back to Cyrillic.
let stages = [("cyrillic", "loc", false), ("cyrillic", "alalc", false), ("popular", "loc", false), ("loc", "cyrillic", true),
              ("scholarly", "cyrillic", true)].map { from, to, whole in
    try! Transliterator(configuration: .init(from: from, to: to, wholeText: whole)) }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    checkStage(stages[size % stages.count], data, size)
    return 0
}
