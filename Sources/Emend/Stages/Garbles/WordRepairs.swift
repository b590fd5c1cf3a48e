import Foundation

extension GarbleRepair {
    /// The repairs word by word and across words of one line: each token's own
    /// repair (`GarbleRepair.tokenRepairs`, through `Context.repairToken`), then
    /// the joins of tokens (`GarbleRepair.joinRepairs`), in their order, over one
    /// list of the line's tokens (columns are where a token stood when the
    /// round began), each where its own trigger fires on two tokens side by
    /// side (or everywhere, for a repair whose trigger is not exact).
    /// Never touches: a word broken at the end of its line, whole or not (the
    /// dehyphenator's: its first half here, or its second half at the start of
    /// the next line), a token without a letter, the spaces between tokens that
    /// no join takes.
    struct WordRepairs: GarbleLineRepair {
        static var names: [String] { [] }

        /// The union of the token and join repairs' triggers over the line,
        /// found without allocating (most lines hold only known words): false
        /// when no join repair's trigger fires on a token and the one before it,
        /// and no token the token repairs look at (`Context.tokenRepairsMayApply`)
        /// has a repair.
        static func mayApply(to line: inout GarbleLine, in context: Context) -> Bool {
            // With the whole document's counts, each distinct token's facts are worked out once.
            if context.surveyIsHanded { return mayApplyFromFacts(line.text, followsBrokenLine: line.followsBrokenLine, in: context) }
            let followsBrokenLine = line.followsBrokenLine
            let joinTriggers = GarbleTokenShape.joinTriggers
            return line.text.withUnsafeBufferPointer { bytes in
                var previous = GarbleTokenShape.none
                return GarbleTokenLine.containsToken(in: bytes) { range, isFirst, isLast in
                    let plain = context.isPlainToken(bytes, range)
                    let shape = context.shape(bytes, range, plain: plain)
                    if joinTriggers[previous.bits << GarbleTokenShape.bitCount | shape.bits] { return true }
                    previous = shape
                    // The token's own repair, where `repair` looks for one.
                    let brokenAtEnd = isLast && bytes[range.upperBound - 1] == UInt8(ascii: "-")
                    guard !brokenAtEnd, !(isFirst && followsBrokenLine), range.contains(where: { DocumentVocabulary.isLetter(bytes[$0]) }),
                          context.tokenRepairsMayApply(bytes, range, plain: plain) else { return false }
                    let token = Array(bytes[range])
                    return context.repairToken(token).map { $0.text != token } ?? false
                }
            }
        }

        /// Its trigger reads the line's tokens: every line is asked.
        static func neededFeatures(in context: Context) -> UInt16? { nil }

        /// `mayApply` for a surveyed document: the same decision, each token's
        /// facts looked up in `Context.tokenFacts` (made the first time) by the
        /// heads its scan read (`TokenHeadScanner`), the table held for the line
        /// and read through its `Reader` (taken again whenever the table changes).
        private static func mayApplyFromFacts(_ text: [UInt8], followsBrokenLine: Bool, in context: Context) -> Bool {
            text.withUnsafeBufferPointer { bytes in
                context.tokenFacts.withTable { table in
                    var reader = table.reader
                    var previousBits = GarbleTokenShape.none.bits
                    return TokenHeadScanner.containsToken(in: bytes) { range, heads, isFirst, isLast in
                        let facts: TokenFacts.Facts
                        let length = range.upperBound &- range.lowerBound
                        if length <= 16, let held = reader.facts(ofShortToken: length, heads: heads) {
                            facts = held
                        } else {
                            facts = newFacts(bytes, range, heads: heads, in: &table, context: context)
                            reader = table.reader
                        }
                        if reader.joinTrigger(previousBits, facts.shapeBits) ?? table.joinTrigger(previousBits, facts.shapeBits) {
                            return true
                        }
                        previousBits = facts.shapeBits
                        // The token's own repair, where `repair` looks for one (asked first: most tokens have none).
                        guard facts.mayRepairItself else { return false }
                        let brokenAtEnd = isLast && bytes[range.upperBound &- 1] == UInt8(ascii: "-")
                        guard !brokenAtEnd, !(isFirst && followsBrokenLine) else { return false }
                        if let changes = facts.repairChangesIt { return changes }
                        let changes = repairChanges(bytes, range, in: &table, context: context)
                        reader = table.reader
                        return changes
                    }
                }
            }
        }

        /// The facts of the token `range` of `bytes` from the table itself, made
        /// and kept the first time (a token its `Reader` does not hold).
        @inline(never)
        private static func newFacts(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, heads: (UInt64, UInt64),
                                     in table: inout TokenFacts.Table, context: Context) -> TokenFacts.Facts {
            table.facts(of: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[range])), heads: heads) {
                context.facts(of: bytes, range)
            }
        }

        /// Whether the token repairs change the token `range` of `bytes`,
        /// asked once and kept in the table (`TokenFacts.Facts.repairChangesIt`).
        @inline(never)
        private static func repairChanges(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                                          in table: inout TokenFacts.Table, context: Context) -> Bool {
            let token = Array(bytes[range])
            let changes = context.repairToken(token).map { $0.text != token } ?? false
            table.setRepairChanges(changes, of: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[range])))
            return changes
        }

        static func repair(_ line: inout GarbleLine, in context: Context, record: GarbleRecorder) {
            var tokens = GarbleTokenLine(line.text)
            // With a survey, the tokens' facts come from the document's table.
            let known = context.usesShortcuts ? context.facts(of: tokens) : nil
            for index in tokens.tokens.indices {
                // The token's facts first (each test here passes a token by and none has an effect, so
                // their order changes nothing but the time): most tokens go by without being copied.
                if let known, !known[index].mayRepairItself || known[index].repairChangesIt == false { continue }
                let token = tokens.tokens[index]
                let bytes = tokens[token]
                guard bytes.contains(where: { DocumentVocabulary.isLetter($0) }) else { continue }
                if index == tokens.tokens.count - 1 && bytes.last == UInt8(ascii: "-") { continue }
                if index == 0 && line.followsBrokenLine { continue }
                if context.usesShortcuts, known == nil,
                   !bytes.withUnsafeBufferPointer({ context.tokenRepairsMayApply($0, 0..<$0.count) }) {
                    continue
                }
                let text = Array(bytes)
                let repaired = context.repairToken(text)
                if let known, known[index].repairChangesIt == nil {
                    context.keepRepairChanges(repaired.map { $0.text != text } ?? false, of: text)
                }
                if let repaired, repaired.text != text {
                    record(repaired.rule, String(decoding: text, as: UTF8.self), String(decoding: repaired.text, as: UTF8.self),
                           token.start + 1)
                    tokens.setBytes(of: index, to: repaired.text)
                    tokens.edits += 1
                }
            }
            // Each join repair runs where its own trigger fires on two tokens side by side:
            // which do is found in one pass over the tokens' shapes, again only after the tokens change
            // (a shape depends on the token's bytes alone).
            var firing = (tokens.changed ? nil : known).map { context.joinTriggerSet(of: $0) }
            var firingAtEdit = tokens.edits
            for (index, repair) in GarbleRepair.joinRepairs.enumerated() {
                if context.usesShortcuts && repair.triggerIsExact {
                    if firing == nil || tokens.edits != firingAtEdit {
                        firing = context.facts(of: tokens).map { context.joinTriggerSet(of: $0) }
                            ?? context.joinTriggerSet(of: context.shapes(of: tokens))
                        firingAtEdit = tokens.edits
                    }
                    guard firing! & (1 << index) != 0 else { continue }
                }
                repair.repair(&tokens, in: context, record: record)
            }
            guard tokens.changed else { return }
            line.text = tokens.text(leadingSpacesOf: line.text)
        }
    }
}

extension GarbleRepair.Context {
    /// The facts `WordRepairs.mayApply` reads of the token `range` of `bytes`
    /// (`TokenFacts`), but whether its repair changes it (left to be asked).
    func facts(of bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> TokenFacts.Facts {
        let plain = isPlainToken(bytes, range)
        let hasLetter = range.contains { DocumentVocabulary.isLetter(bytes[$0]) }
        return TokenFacts.Facts(shapeBits: shape(bytes, range, plain: plain).bits,
                                mayRepairItself: hasLetter && tokenRepairsMayApply(bytes, range, plain: plain),
                                repairChangesIt: nil)
    }

    /// Keeps in the document's token facts whether `token`'s repair changes it
    /// (`TokenFacts.Facts.repairChangesIt`), found by `WordRepairs.repair` on a
    /// token `mayApply` did not reach, so no later line asks again. Changes no text.
    func keepRepairChanges(_ changes: Bool, of token: [UInt8]) {
        tokenFacts.withTable { table in token.withUnsafeBytes { table.setRepairChanges(changes, of: $0) } }
    }

    /// The facts of a line's tokens as they stand, from the document's table
    /// (`TokenFacts`, made the first time); nil without a survey. A token of
    /// 16 bytes or fewer the table holds is read through its `Reader`, as
    /// `WordRepairs.mayApply` reads it; the rest from the table itself.
    func facts(of line: GarbleTokenLine) -> [TokenFacts.Facts]? {
        guard surveyIsHanded else { return nil }
        return tokenFacts.withTable { table in
            var reader = table.reader
            var known: [TokenFacts.Facts] = []
            known.reserveCapacity(line.tokens.count)
            // The tokens read in place in the line's buffer.
            line.storage.withUnsafeBufferPointer { storage in
                for token in line.tokens {
                    let bytes = UnsafeBufferPointer(rebasing: storage[token.offset..<(token.offset + token.count)])
                    let raw = UnsafeRawBufferPointer(bytes)
                    let heads = WordCountTable.heads(raw)
                    if bytes.count <= 16, let held = reader.facts(ofShortToken: bytes.count, heads: heads) {
                        known.append(held)
                        continue
                    }
                    known.append(table.facts(of: raw, heads: heads) { facts(of: bytes, 0..<bytes.count) })
                    reader = table.reader
                }
            }
            return known
        }
    }

    /// `joinTriggerSet(of:)` of the shapes in a line's tokens' facts (`facts(of:)`, with a survey).
    func joinTriggerSet(of known: [TokenFacts.Facts]) -> UInt16 {
        tokenFacts.withTable { table in
            var fires: UInt16 = 0
            for index in known.indices { fires |= table.joinTriggerSet(index > 0 ? known[index - 1].shapeBits : 0, known[index].shapeBits) }
            return fires
        }
    }

    /// The join repairs whose trigger fires on some token of `shapes` (a
    /// line's tokens, in order) and the one before it (`.none` at the line's
    /// start): bit `r` for `GarbleRepair.joinRepairs[r]`.
    func joinTriggerSet(of shapes: [GarbleTokenShape]) -> UInt16 {
        var fires: UInt16 = 0
        guard surveyIsHanded else {
            for index in shapes.indices { fires |= GarbleTokenShape.joinTriggerSet(index > 0 ? shapes[index - 1] : .none, shapes[index]) }
            return fires
        }
        return tokenFacts.withTable { table in
            for index in shapes.indices { fires |= table.joinTriggerSet(index > 0 ? shapes[index - 1].bits : 0, shapes[index].bits) }
            return fires
        }
    }

    /// The shapes of a line's tokens as they stand.
    func shapes(of line: GarbleTokenLine) -> [GarbleTokenShape] {
        if let known = facts(of: line) { return known.map { GarbleTokenShape(bits: $0.shapeBits) } }
        return line.tokens.map { token in
            line.withBytes(of: token) { bytes in shape(bytes, 0..<bytes.count, plain: isPlainToken(bytes, 0..<bytes.count)) }
        }
    }

    /// What the join repairs' triggers look at in the token `range` of `bytes`
    /// (`plain`: `isPlainToken` of it).
    @inline(__always)
    func shape(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, plain: Bool) -> GarbleTokenShape {
        var shape = GarbleTokenShape()
        let isASCIILetter = { (byte: UInt8) in (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        let letters = range.allSatisfy { isASCIILetter(bytes[$0]) }
        shape.isSingleLetter = letters && range.count == 1
        guard !range.isEmpty else { return shape }
        if !letters {
            let last = bytes[range.upperBound - 1]
            if last == UInt8(ascii: "-") {
                shape.endsWithHyphen = range.count >= 3 && isASCIILetter(bytes[range.upperBound - 2])
            } else if GarbleRepair.isDigit(bytes[range.lowerBound]) {
                var inner = true, marks = true
                for index in range {
                    let byte = bytes[index]
                    if GarbleRepair.isDigit(byte) { continue }
                    if byte != UInt8(ascii: ",") && byte != UInt8(ascii: ".") { inner = false }
                    if !(byte == UInt8(ascii: ",") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: ":")
                        || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")")) { marks = false; break }
                }
                shape.isNumberPiece = marks
                shape.endsWithDigit = marks && inner && GarbleRepair.isDigit(last)
            }
            let core = GarbleRepair.core(bytes, range)
            guard !core.isEmpty, core.allSatisfy({ isASCIILetter(bytes[$0]) }) else { return shape }
            shape.coreIsLetters = true
            shape.coreStartsSmall = GarbleRepair.isLower(bytes[core.lowerBound])
            shape.coreMayBePiece = core.count != 2 && !isWholeWord(bytes, core, plain: plain)
            return shape
        }
        let wholeWord = isWholeWord(bytes, range, plain: plain)
        shape.mayBePiece = !wholeWord
        shape.coreIsLetters = true
        shape.coreStartsSmall = GarbleRepair.isLower(bytes[range.lowerBound])
        shape.coreMayBePiece = range.count != 2 && !wholeWord
        return shape
    }

    /// A token of letters alone (`range`) that is sure to be a whole word: of
    /// single letters a, A and I; else a known word (`plain`) or one the document repeats.
    @inline(__always)
    private func isWholeWord(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, plain: Bool) -> Bool {
        if range.count == 1 {
            return bytes[range.lowerBound] == UInt8(ascii: "a") || bytes[range.lowerBound] == UInt8(ascii: "A") || bytes[range.lowerBound] == UInt8(ascii: "I")
        }
        return plain || survey.count(of: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[range])) >= 2
    }
}
