import Foundation

extension GarbleRepair {
    /// The repairs word by word and across words of one line: each token's own
    /// repair (`GarbleRepair.tokenRepairs`, through `Context.repairToken`), then
    /// the joins of tokens (`GarbleRepair.joinRepairs`), in their order, over one
    /// list of the line's tokens (columns are where a token stood when the
    /// round began).
    /// Never touches: a word broken at the end of its line, whole or not (the
    /// dehyphenator's: its first half here, or its second half at the start of
    /// the next line), a token without a letter, the spaces between tokens that
    /// no join takes.
    struct WordRepairs: GarbleLineRepair {
        var names: [String] { [] }

        /// The union of the token and join repairs' triggers over the line,
        /// found without allocating (most lines hold only known words): false
        /// when no join repair's trigger fires on a token and the one before it,
        /// and no token the token repairs look at (`Context.tokenRepairsMayApply`)
        /// has a repair.
        func mayApply(to line: inout GarbleLine, in context: Context) -> Bool {
            let followsBrokenLine = line.followsBrokenLine
            let joinTriggers = GarbleTokenShape.joinTriggers
            return line.text.withUnsafeBufferPointer { bytes in
                var index = 0
                while index < bytes.count, bytes[index] == 0x20 { index += 1 }
                var isFirst = true
                var previous = GarbleTokenShape.none
                while index < bytes.count {
                    let start = index
                    while index < bytes.count, bytes[index] != 0x20 { index += 1 }
                    let end = index
                    while index < bytes.count, bytes[index] == 0x20 { index += 1 }
                    defer { isFirst = false }
                    let range = start..<end
                    let plain = context.isPlainToken(bytes, range)
                    let shape = context.shape(bytes, range, plain: plain)
                    if joinTriggers[previous.bits << 3 | shape.bits] { return true }
                    previous = shape
                    // The token's own repair, where `repair` looks for one.
                    let brokenAtEnd = index == bytes.count && bytes[end - 1] == UInt8(ascii: "-")
                    guard !brokenAtEnd, !(isFirst && followsBrokenLine), range.contains(where: { DocumentVocabulary.isLetter(bytes[$0]) }),
                          context.tokenRepairsMayApply(bytes, range, plain: plain) else { continue }
                    let token = Array(bytes[range])
                    if let repaired = context.repairToken(token), repaired.text != token { return true }
                }
                return false
            }
        }

        func repair(_ line: inout GarbleLine, in context: Context, record: GarbleRecorder) {
            var tokens = GarbleTokenLine(line.text)
            for index in tokens.tokens.indices {
                let token = tokens.tokens[index]
                guard token.bytes.contains(where: { DocumentVocabulary.isLetter($0) }) else { continue }
                if index == tokens.tokens.count - 1 && token.bytes.last == UInt8(ascii: "-") { continue }
                if index == 0 && line.followsBrokenLine { continue }
                if context.usesShortcuts, !token.bytes.withUnsafeBufferPointer({ context.tokenRepairsMayApply($0, 0..<$0.count) }) {
                    continue
                }
                if let repaired = context.repairToken(token.bytes), repaired.text != token.bytes {
                    record(repaired.rule, String(decoding: token.bytes, as: UTF8.self), String(decoding: repaired.text, as: UTF8.self),
                           token.start + 1)
                    tokens.tokens[index].bytes = repaired.text
                    tokens.changed = true
                }
            }
            for repair in GarbleRepair.joinRepairs { repair.repair(&tokens, in: context, record: record) }
            guard tokens.changed else { return }
            line.text = tokens.text(leadingSpacesOf: line.text)
        }
    }
}

extension GarbleRepair.Context {
    /// What the join repairs' triggers look at in the token `range` of `bytes`
    /// (`plain`: `isPlainToken` of it).
    @inline(__always)
    func shape(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, plain: Bool) -> GarbleTokenShape {
        var shape = GarbleTokenShape()
        shape.isThreeDigits = range.count == 3 && range.allSatisfy { GarbleRepair.isDigit(bytes[$0]) }
        let letters = range.allSatisfy { (bytes[$0] | 0x20) >= UInt8(ascii: "a") && (bytes[$0] | 0x20) <= UInt8(ascii: "z") }
        shape.isSingleLetter = letters && range.count == 1
        guard letters else { return shape }
        let wholeWord = shape.isSingleLetter
            ? bytes[range.lowerBound] == UInt8(ascii: "a") || bytes[range.lowerBound] == UInt8(ascii: "A") || bytes[range.lowerBound] == UInt8(ascii: "I")
            : plain || survey.count(of: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[range])) >= 2
        shape.mayBePiece = !wholeWord
        return shape
    }
}
