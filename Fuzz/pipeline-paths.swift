@testable import Emend
import Foundation

/// The pipeline loader in a folder that holds rule files, a vocabulary, a
/// nested folder and a symbolic link out of it, over any text: includes,
/// path options, YAML anchors and aliases. It gives a declaration or a
/// RuleFileError, nothing else, and a declaration never names a file outside
/// the folder: every path option it holds resolves (links followed) inside it.
let sandbox: (book: String, real: String) = {
    let root = NSTemporaryDirectory() + "emend-fuzz-paths-\(getpid())"
    let book = root + "/book"
    let files = [
        "book/inner.yaml": "stages:\n  - whitespace\n",
        "book/sub/deeper.yaml": "include: [../inner.yaml]\nstages:\n  - normalize\n",
        "book/garbles.yaml": "version: 1\nreplacements:\n  - {find: \"Yezbov\", replace: \"Yezhov\"}\n",
        "book/book.vocab": "Yezhov\t3\n",
        "book/furniture.yaml": "version: 1\nrunning-heads: []\n",
        "outside/secret.yaml": "stages:\n  - garbles: {rules-file: ../book/garbles.yaml}\n",
        "outside/garbles.yaml": "version: 1\nreplacements: []\n",
    ]
    for (path, text) in files {
        let full = root + "/" + path
        try? FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? text.write(toFile: full, atomically: true, encoding: .utf8)
    }
    try? FileManager.default.createSymbolicLink(atPath: book + "/out", withDestinationPath: "../outside")
    try? FileManager.default.createSymbolicLink(atPath: book + "/secret.yaml", withDestinationPath: "../outside/secret.yaml")
    atexit { try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "emend-fuzz-paths-\(getpid())") }
    return (book, URL(fileURLWithPath: book).resolvingSymlinksInPath().path)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: bytes(data, size), as: UTF8.self)
    let declaration: PipelineDeclaration
    do {
        declaration = try PipelineLoader().load(yaml: text, name: "fuzz.yaml", directory: sandbox.book)
    } catch is RuleFileError {
        return 0
    } catch {
        fatalError("unexpected error \(error)")
    }
    for entry in declaration.stages {
        for spec in entry.options.specs {
            guard case .string = spec.kind, case .string(let path) = entry.options.value(spec.name), !path.isEmpty else { continue }
            let real = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: sandbox.book + "/")).resolvingSymlinksInPath().path
            if real != sandbox.real && !real.hasPrefix(sandbox.real + "/") {
                fatalError("stage '\(entry.name)' option '\(spec.name)' names '\(path)', outside the pipeline's folder")
            }
        }
    }
    _ = try? declaration.makePipeline()
    return 0
}
