@testable import Emend
import Foundation

/// A garbles rule file of any text: rules or a RuleFileError; the rules it gives run on a line without hanging.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: bytes(data, size), as: UTF8.self)
    var rules = GarbleRules()
    do {
        try rules.add(text: text, file: "fuzz.yaml")
    } catch is RuleFileError {
        return 0
    } catch {
        fatalError("unexpected error \(error)")
    }
    let line = "the party and the state inMoscow 193 5 ; the offi cial line aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"
    for phrase in rules.phrases {
        _ = phrase.regex.stringByReplacingMatches(in: line, range: NSRange(line.startIndex..., in: line), withTemplate: phrase.template)
    }
    return 0
}
