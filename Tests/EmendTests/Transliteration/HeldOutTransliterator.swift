import Emend
import Foundation

/// A transliterator with the hand lexicon (`lexicon/names.txt`) held out, as
/// on a book it was not made from: a rules folder of its own holding an
/// emptied names.txt, and the call that removes it. What the word, name,
/// surname and place lists and the rules do without the lexicon.
func heldOut(from: Script, to: Script) throws -> (Transliterator, () -> Void) {
    let rules = Scratch.root.appendingPathComponent("held-out-names-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: rules.appendingPathComponent("lexicon"), withIntermediateDirectories: true)
    try "# emptied\n".write(to: rules.appendingPathComponent("lexicon/names.txt"), atomically: true, encoding: .utf8)
    let stage = try Transliterator(configuration: .init(from: from, to: to, rulesDirectory: rules.path))
    return (stage, { try? FileManager.default.removeItem(at: rules) })
}

/// `text` converted with the hand lexicon held out (`heldOut`).
func convertHeldOut(_ text: String, from: Script, to: Script) throws -> String {
    let (stage, cleanUp) = try heldOut(from: from, to: to)
    defer { cleanUp() }
    return try stage.apply(to: text)
}

/// `text` through `stage` with the whole text surveyed first, as the command
/// runs a file (the document's evidence in hand).
func applySurveyed(_ stage: Transliterator, to text: String) throws -> String {
    try Pipeline(stages: [stage]).surveyed(Array(text.utf8)).apply(to: text)
}
