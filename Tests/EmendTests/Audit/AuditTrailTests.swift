import Emend
import Foundation
import Testing

/// Puts every record's `before` back in place of its `after`: the input, if the
/// audit accounts for every byte. Written apart from `AuditTrail`, so the check
/// does not share its mistakes.
func rebuildInput(output: [UInt8], records: [AuditRecord]) throws -> [UInt8] {
    var input: [UInt8] = []
    var inputPosition = 0, outputPosition = 0
    for record in records {
        let gap = record.offset - inputPosition
        try #require(gap >= 0, "records out of order at line \(record.line)")
        input += output[outputPosition..<(outputPosition + gap)]
        outputPosition += gap
        let after = Array(output[outputPosition..<min(output.count, outputPosition + record.afterBytes.count)])
        try #require(after == record.afterBytes, "record at line \(record.line) does not match the output")
        input += record.beforeBytes
        inputPosition = record.offset + record.beforeBytes.count
        outputPosition += record.afterBytes.count
    }
    return input + output[outputPosition...]
}

@Suite struct AuditTrailTests {
    static let goldRaw: [UInt8] = {
        (try? GoldPage.all().flatMap { Array($0.raw.utf8) }) ?? []
    }()

    @Test func theAuditGivesBackEveryInputByteOfTheGoldPages() throws {
        let pipeline = try PipelineLoader().loadDefault().makePipeline()
        let input = Self.goldRaw
        try #require(input.count > 50_000)
        let run = try pipeline.applyAuditing(to: input)
        #expect(try rebuildInput(output: run.output, records: run.records) == input)
        #expect(run.summary.inputBytes == input.count)
        #expect(run.summary.unattributed == 0)
        // The seed scan's damage shows up as records of every kind of rule.
        let rules = Set(run.records.map(\.rule))
        #expect(rules.contains("page-structure:running-head") && rules.contains("dehyphenate:join:lexicon")
                && rules.contains("garbles:run-together") && rules.contains { $0.hasPrefix("rules/garbles/default.yaml:") })
    }

    @Test func recordsShowTheExactInputTextAndWhereItIs() throws {
        let input = Array("""
            Our study could not have been fin- \n ished? This happened more than once,
            the purgingof the party and ComradeYezhov,andthen the plenum.
            Repression andLegality 109
            a last line
            """.utf8)
        let pipeline = try PipelineLoader().loadDefault().makePipeline()
        let run = try pipeline.applyAuditing(to: input)
        #expect(try rebuildInput(output: run.output, records: run.records) == input)
        let join = try #require(run.records.first { $0.rule.hasPrefix("dehyphenate:join") })
        #expect(join.kind == .joined && join.line == 1 && join.column == 31 && join.offset == 30)
        #expect(join.before == "fin- \n ished? " && join.after == "finished?\n")
        let garble = try #require(run.records.first { $0.before == "purgingof" })
        #expect(garble.after == "purging of" && garble.stage == "garbles" && garble.line == 3 && garble.column == 5)
    }

    @Test func invalidBytesByteOrderMarkCRLFAndCutLinesAreAccountedFor() throws {
        var input: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("First  line \r\nbad \u{FF}".utf8)
        input.removeLast(2)
        input += [0xFF, 0xC3] + Array(" byte\r\n".utf8) + Array(repeating: UInt8(ascii: "x"), count: 300) + Array(" end  \n".utf8)
        let pipeline = try PipelineLoader().loadDefault().makePipeline()
        for settings in [StreamSettings(), StreamSettings(blockSize: 7, maximumLineBytes: 64)] {
            let run = try pipeline.applyAuditing(to: input, settings: settings)
            #expect(try rebuildInput(output: run.output, records: run.records) == input)
            let invalid = try #require(run.records.first { $0.kind == .invalidUTF8 })
            #expect(invalid.rule == "input:invalid-utf8" && invalid.beforeBytes.contains(0xFF) && invalid.line == 2)
        }
    }

    /// Found by review: a NUL beside an invalid byte once crashed the matching
    /// of changes to differences (a String search); it is done on bytes now.
    @Test func aNulBesideAnInvalidByteIsAccountedFor() throws {
        let input: [UInt8] = [0xFF] + Array("Conceming\t Conceming".utf8) + [0x00, 0x0A, 0x80, 0x80] + Array(" ab  cd\n".utf8)
        let run = try PipelineLoader().loadDefault().makePipeline().applyAuditing(to: input)
        #expect(try rebuildInput(output: run.output, records: run.records) == input)
        // Columns count each ill-formed sequence as the one character it becomes.
        let spaces = try #require(run.records.first { $0.line == 2 && $0.stage == "whitespace" })
        #expect(spaces.column == 6)
    }

    @Test func movedFootnotesAreRecordedAtTheirNewPlace() throws {
        let page = try GoldPage.all().map(\.raw).joined()
        let descriptor = try #require(StageRegistry.descriptor(named: "page-structure"))
        let stage = try descriptor.makeStage(options: StageOptions(specs: descriptor.options,
                                                                   values: ["footnotes": .string("move-to-paragraph-end")]))
        let input = Array(page.utf8)
        let run = try Pipeline(stages: [stage]).applyAuditing(to: input)
        #expect(try rebuildInput(output: run.output, records: run.records) == input)
        #expect(run.records.contains { $0.kind == .moved } && run.summary.unattributed == 0)
    }

    /// The property over generated OCR-like text, read in pieces of any size:
    /// the audit always gives back the input.
    @Test(arguments: 0..<24) func theAuditGivesBackGeneratedInput(seed: Int) throws {
        let input = StagePropertyTests.text(seed: UInt64(seed), lines: 120)
        let pipeline = try PipelineLoader().loadDefault().makePipeline()
        let blockSize = [1, 7, 64, 4096, 1 << 18][seed % 5]
        let run = try pipeline.applyAuditing(to: input, settings: StreamSettings(blockSize: blockSize, maximumLineBytes: 256))
        #expect(try rebuildInput(output: run.output, records: run.records) == input)
        #expect(run.summary.inputBytes == input.count)
    }

    @Test(arguments: 0..<200) func theDiffTurnsOneTextIntoTheOther(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed))
        let alphabet: [String] = ["a", "b", " ", "\n", "-", "é", "Ж", ",", "rn", "m"]
        func text() -> [UInt8] {
            Array((0..<Int.random(in: 0..<40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined().utf8)
        }
        checkHunks(from: text(), to: text())
    }

    /// Middles past `ByteDiff.byteSearchLimit` go token by token first: texts of
    /// a few hundred bytes, the new one an edited copy of the old or unrelated.
    @Test(arguments: 0..<100) func theDiffTurnsOneLongTextIntoTheOther(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed))
        let alphabet: [String] = ["a", "b", " ", "\n", "-", "é", "Ж", ",", "rn", "m", "word ", "Ежов "]
        let old = (0..<Int.random(in: 150..<500, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
        var new = old
        if seed % 4 == 0 {
            new = (0..<Int.random(in: 150..<500, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
        } else {
            for _ in 0..<Int.random(in: 1..<(seed % 4 == 1 ? 8 : 200), using: &generator) {
                let index = Int.random(in: 0..<new.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: new[index] = alphabet.randomElement(using: &generator)!
                case 1: new.insert(alphabet.randomElement(using: &generator)!, at: index)
                default: if new.count > 1 { new.remove(at: index) }
                }
            }
        }
        checkHunks(from: Array(old.joined().utf8), to: Array(new.joined().utf8))
    }

    /// A paragraph whose Russian names were all transliterated, English words
    /// between them (more than `maximumEdits` bytes differ in all): a hunk for
    /// each name, not one for the whole line.
    @Test func aLongLineOfManyChangedWordsGetsAHunkForEach() throws {
        let names = ["Ежов", "Ягода", "Бухарин", "Рыков", "Зиновьев", "Каменев"]
        let latin = ["Yezhov", "Yagoda", "Bukharin", "Rykov", "Zinov'yev", "Kamenev"]
        let old = Array((0..<120).map { names[$0 % names.count] }.joined(separator: " and ").utf8)
        let new = Array((0..<120).map { latin[$0 % latin.count] }.joined(separator: " and ").utf8)
        #expect(old.count + new.count > ByteDiff.maximumEdits)
        let hunks = checkHunks(from: old, to: new)
        #expect(hunks.count == 120)
    }

    /// A long text with a changed word every few words: compared a window at a
    /// time, every change is its own hunk (one hunk for the whole text once),
    /// and the hunks turn the one text into the other.
    @Test func theWindowedDiffGivesAHunkForEachChangeOfALongText() throws {
        let words = ["archive", "of", "the", "party", "Ежов", "plenum", "and", "fond"]
        var old: [String] = [], new: [String] = []
        var changed = 0
        for index in 0..<60_000 {
            let word = words[index % words.count]
            old.append(word)
            if index % 37 == 11 { new.append(word + "s"); changed += 1 } else { new.append(word) }
        }
        let oldBytes = Array(old.joined(separator: " ").utf8), newBytes = Array(new.joined(separator: " ").utf8)
        #expect(oldBytes.count > 4 * ByteDiff.window)
        let hunks = checkHunks(from: oldBytes, to: newBytes, windowed: true)
        #expect(hunks.count == changed)
        #expect(hunks.allSatisfy { $0.old.count < 16 })
    }

    /// A line cut into segments is compared a segment at a time, as each is
    /// written: its first records come out while most of the line is still
    /// unread (the whole line was once held and compared at its end), one for
    /// each change, each named by the change that made it.
    @Test(arguments: [4096, 1 << 16]) func aCutLineIsAuditedSegmentBySegment(maximumLineBytes: Int) throws {
        var text = ""
        var doubled = 0
        for index in 0..<40_000 {
            text += ["the", "archive", "of", "fond", "Ежов"][index % 5] + (index % 7 == 3 ? "  " : " ")
            if index % 7 == 3 { doubled += 1 }
        }
        let input = Array(text.utf8)
        final class Progress { var read = 0; var readAtFirstRecord: Int? }
        struct CountingSource: ByteSource {
            var base: MemorySource
            let progress: Progress
            mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
                let count = try base.read(into: buffer)
                progress.read += count
                return count
            }
        }
        let progress = Progress()
        var source = CountingSource(base: MemorySource(input, pieceSize: 4096), progress: progress)
        var sink = MemorySink()
        var records: [AuditRecord] = []
        var stage = Pipeline(stages: [WhitespaceNormalizer()])
        let summary = try runStream(&stage, from: &source, to: &sink,
                                    settings: StreamSettings(blockSize: 4096, maximumLineBytes: maximumLineBytes),
                                    onAudit: { record in
            if progress.readAtFirstRecord == nil { progress.readAtFirstRecord = progress.read }
            records.append(record)
        })
        #expect(try rebuildInput(output: sink.bytes, records: records) == input)
        #expect(try #require(progress.readAtFirstRecord) < input.count / 2)
        #expect(records.count >= doubled && records.count <= doubled + 1)  // the line's last space too
        #expect(records.allSatisfy { $0.stage == "whitespace" } && summary.audit?.unattributed == 0)
        // Columns count characters from the line's start, whatever segment a record is in.
        for record in records {
            #expect(record.line == 1)
            #expect(record.column == String(decoding: input[..<record.offset], as: UTF8.self).unicodeScalars.count + 1)
        }
    }
}

/// Checks that the hunks turn `old` into `new` and cut no character; returns them.
@discardableResult
func checkHunks(from old: [UInt8], to new: [UInt8], windowed: Bool = false) -> [ByteDiff.Hunk] {
        let hunks = windowed ? ByteDiff.windowedHunks(from: old, to: new) : ByteDiff.hunks(from: old, to: new)
        var rebuilt: [UInt8] = []
        var oldPosition = 0, newPosition = 0
        for hunk in hunks {
            #expect(hunk.old.lowerBound - oldPosition == hunk.new.lowerBound - newPosition)
            #expect(old[oldPosition..<hunk.old.lowerBound].elementsEqual(new[newPosition..<hunk.new.lowerBound]))
            rebuilt += new[newPosition..<hunk.new.upperBound]
            oldPosition = hunk.old.upperBound; newPosition = hunk.new.upperBound
            // Hunks cut no character in two.
            #expect(String(validating: old[hunk.old], as: UTF8.self) != nil && String(validating: new[hunk.new], as: UTF8.self) != nil)
        }
        #expect(old[oldPosition...].elementsEqual(new[newPosition...]))
        #expect(rebuilt + new[newPosition...] == new)
        return hunks
}
