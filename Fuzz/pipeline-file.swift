@testable import Emend
import Foundation

/// The pipeline loader over any text: it gives a declaration or a RuleFileError, nothing else.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: bytes(data, size), as: UTF8.self)
    do {
        let declaration = try PipelineLoader().load(yaml: text, name: "fuzz.yaml", directory: NSTemporaryDirectory())
        // Building the stages reads only option files under the directory; none exist there to name.
        _ = try? declaration.makePipeline()
    } catch is RuleFileError {
    } catch {
        fatalError("unexpected error \(error)")
    }
    return 0
}
