@testable import Emend
import Testing

/// The reader fills arrays of lines already written (`LineBytePool`): no
/// byte of an earlier line may show in a later one, however the input
/// arrives, wherever the chunks are cut, whatever the lines' endings and lengths.
@Suite struct LineBytePoolTests {
    /// A stage that passes every line on as it is, run in chunks like any line stage.
    struct Untouched: LineStage {
        var name: String { "untouched" }
        func transform(_ line: inout Line, changes output: inout StageOutput) {}
    }

    /// Made-up lines of every length up to `longest`, each of one letter of its
    /// own (a byte left from an earlier line would show), blank ones among
    /// them; LF or CRLF endings; maybe a byte order mark, maybe no final newline.
    static func madeUp(seed: UInt64, lines: Int, longest: Int, byteOrderMark: Bool, finalNewline: Bool) -> [UInt8] {
        var draw = SeededGenerator(seed: seed)
        var bytes: [UInt8] = byteOrderMark ? [0xEF, 0xBB, 0xBF] : []
        let letters = Array("abcdefghijklmnopqrstuvwxyzабвгдеж".unicodeScalars).map { Array(String($0).utf8) }
        for index in 0..<lines {
            let length = draw.next() % 4 == 0 ? 0 : Int(draw.next() % UInt64(longest + 1))
            let letter = letters[index % letters.count]
            for column in 0..<length { bytes += column % 7 == 6 ? [0x20] : letter }
            if index < lines - 1 || finalNewline { bytes += draw.next() % 3 == 0 ? [0x0D, 0x0A] : [0x0A] }
        }
        return bytes
    }

    static func inputs() throws -> [[UInt8]] {
        [try StageThreadTests.goldText(),
         madeUp(seed: 1, lines: 3000, longest: 300, byteOrderMark: true, finalNewline: false),
         madeUp(seed: 2, lines: 3000, longest: 40, byteOrderMark: false, finalNewline: true),
         madeUp(seed: 3, lines: 400, longest: 5000, byteOrderMark: false, finalNewline: false)]
    }

    static func settings(blockSize: Int, chunkBytes: Int, maximumLineBytes: Int = 1 << 20) -> StreamSettings {
        var settings = StreamSettings(blockSize: blockSize, maximumLineBytes: maximumLineBytes,
                                      usesStageThread: chunkBytes > 0, chunkBytes: chunkBytes)
        settings.chunksOnOneCore = true
        return settings
    }

    /// Lines passed through untouched come out as they went in, byte for byte,
    /// over-long ones cut into segments and joined back.
    @Test(arguments: [0, 1, 100, 3000, 1 << 20])
    func linesPassedThroughComeOutAsTheyWentIn(chunkBytes: Int) throws {
        for input in try Self.inputs() {
            for (blockSize, maximumLineBytes) in [(1 << 18, 1 << 20), (333, 1 << 20), (4096, 64), (97, 8)] {
                for stage in [Pipeline(stages: [Untouched()]), Pipeline(stages: [])] {
                    let out = try Fixtures.run(stage, input, pieceSize: 1000,
                                               settings: Self.settings(blockSize: blockSize, chunkBytes: chunkBytes,
                                                                       maximumLineBytes: maximumLineBytes))
                    #expect(out.bytes == input, "block \(blockSize), longest \(maximumLineBytes), \(stage.stages.count) stages")
                }
            }
        }
    }

    /// Stages that rewrite lines give, streamed, what they give each line made
    /// afresh (a plain reference with no reuse).
    @Test(arguments: [0, 1, 3000, 1 << 20])
    func rewrittenLinesAreWhatEachLineMadeAfreshGives(chunkBytes: Int) throws {
        let pipeline = Pipeline(stages: [UnicodeNormalizer(), WhitespaceNormalizer()])
        for input in try Self.inputs() {
            for blockSize in [1 << 18, 333] {
                let out = try Fixtures.run(pipeline, input, pieceSize: 777, settings: Self.settings(blockSize: blockSize, chunkBytes: chunkBytes))
                #expect(out.bytes == Self.reference(input), "block \(blockSize)")
            }
        }
    }

    /// Each line cut out by hand into an array of its own and rewritten by the two stages.
    static func reference(_ input: [UInt8]) -> [UInt8] {
        let hasMark = input.starts(with: [0xEF, 0xBB, 0xBF])
        var out: [UInt8] = hasMark ? [0xEF, 0xBB, 0xBF] : []
        var scratch = StageOutput()
        let lines = input.dropFirst(hasMark ? 3 : 0).split(separator: 0x0A, omittingEmptySubsequences: false)
        for (index, content) in lines.enumerated() {
            let isLast = index == lines.count - 1
            if isLast && content.isEmpty { break }
            let crlf = !isLast && content.last == 0x0D
            var line = Line(bytes: Array(crlf ? content.dropLast() : content), ending: isLast ? .none : crlf ? .crlf : .lf, number: index + 1)
            UnicodeNormalizer().transform(&line, changes: &scratch)
            WhitespaceNormalizer().transform(&line, changes: &scratch)
            out += line.bytes + line.ending.bytes
        }
        return out
    }

    /// A new array holds the bytes and room for `capacity` of them, as an array
    /// made with `Array(unsafeUninitializedCapacity:)` does: the same request
    /// to the allocator, which may round either up to its next size (lines of
    /// every length, short ones given `smallest`, real ones from the gold pages among them).
    @Test func aNewArrayIsTheOneTheUninitializedInitializerMakes() throws {
        var draw = SeededGenerator(seed: 11)
        var contents: [[UInt8]] = (0..<600).map { length in (0..<length).map { _ in UInt8(truncatingIfNeeded: draw.next()) } }
        contents += try GoldPage.allRawLines()
        for content in contents {
            for capacity in [content.count, max(content.count, LineBytePool.smallest), content.count + 1000] {
                let made = content.withUnsafeBufferPointer { LineBytePool.fresh($0, capacity: capacity) }
                let reference = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                    for index in content.indices { buffer[index] = content[index] }
                    count = content.count
                }
                #expect(made == reference)
                #expect(made.capacity >= capacity && made.capacity < capacity + 48, "\(content.count) bytes in room for \(capacity)")
                #expect(reference.capacity >= capacity && reference.capacity < capacity + 48)
            }
        }
    }

    /// The pool's rules as they were, over a plain stack of the capacities of
    /// the arrays given back.
    struct StackPool {
        var capacities: [Int] = []
        var heldBytes = 0
        /// Whether an array of `capacity` is kept.
        mutating func giveBack(capacity: Int) -> Bool {
            guard capacity > 0, capacity <= LineBytePool.maximumCapacity, capacities.count < LineBytePool.maximumCount,
                  heldBytes + capacity <= LineBytePool.maximumHeldBytes else { return false }
            heldBytes += capacity
            capacities.append(capacity)
            return true
        }
        /// The capacity of the kept array a line of `count` bytes is given, or nil for a new one.
        mutating func make(_ count: Int) -> Int? {
            guard count > 0, let capacity = capacities.last, capacity >= count, capacity < 4 * count + LineBytePool.smallest else { return nil }
            heldBytes -= capacity
            return capacities.removeLast()
        }
    }

    /// The pool keeps and gives back what the plain stack did, array for array
    /// (the one on top when it fits, a new one of `smallest` at least else),
    /// and holds as many arrays and bytes, through runs of lines made and given
    /// back in turn, past its bounds (lines of the gold pages among them).
    @Test func thePoolGivesWhatAPlainStackGave() throws {
        var pool = LineBytePool()
        var stack = StackPool()
        var draw = SeededGenerator(seed: 5)
        let gold = try GoldPage.allRawLines()
        var held: [[UInt8]] = []  // lines in flight
        var fullest = 0
        for round in 0..<100_000 {
            // Runs of making and of giving back, so that the pool fills, empties and fills again.
            let making = (round / 20_000) % 2 == 0 ? draw.next() % 8 != 0 : draw.next() % 8 == 0
            if making || held.isEmpty {
                let content: [UInt8] = draw.next() % 3 == 0 ? gold[Int(draw.next() % UInt64(gold.count))]
                    : [UInt8](repeating: UInt8(round % 251), count: draw.next() % 50 == 0 ? Int(draw.next() % 6000) : Int(draw.next() % 300))
                let made = content.withUnsafeBytes { pool.make($0) }
                #expect(made == content)
                if let kept = stack.make(content.count) {
                    #expect(made.capacity == kept)
                } else if !content.isEmpty {
                    #expect(made.capacity >= max(content.count, LineBytePool.smallest))
                }
                held.append(made)
            } else {
                var made = held.remove(at: Int(draw.next() % UInt64(held.count)))
                let kept = stack.giveBack(capacity: made.capacity), count = made.count
                pool.giveBack(&made)
                #expect(made.count == (kept ? 0 : count))  // taken whole, or left as it was
            }
            #expect(pool.count == stack.capacities.count && pool.heldBytes == stack.heldBytes)
            if pool.count != stack.capacities.count || pool.heldBytes != stack.heldBytes { break }
            fullest = max(fullest, pool.heldBytes)
        }
        #expect(fullest > LineBytePool.maximumHeldBytes - LineBytePool.maximumCapacity)  // the bound was met
    }

    /// The pool gives arrays holding exactly the bytes asked for, of less
    /// than four times their size and `smallest` more, and holds no more than its bounds.
    @Test func arraysComeBackEmptyAndThePoolStaysBounded() {
        var pool = LineBytePool()
        var draw = SeededGenerator(seed: 7)
        for round in 0..<(3 * LineBytePool.maximumCount) {
            let length = Int(draw.next() % 2000)
            let content = [UInt8](repeating: UInt8(round % 251), count: length)
            var bytes = content.withUnsafeBytes { pool.make($0) }
            #expect(bytes == content)
            #expect(bytes.capacity < 4 * length + LineBytePool.smallest + 32)  // and what the allocator rounds up
            if round % 3 != 0 { pool.giveBack(&bytes) }
            #expect(pool.count <= LineBytePool.maximumCount && pool.heldBytes <= LineBytePool.maximumHeldBytes)
        }
        #expect(pool.count > 0)
        // An array shared with another holder is left to it as it was.
        let shared: [UInt8] = Array("kept".utf8)
        var given = shared
        pool.giveBack(&given)
        #expect(shared == Array("kept".utf8))
    }
}
