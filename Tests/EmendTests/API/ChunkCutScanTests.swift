@testable import Emend
import Testing

/// The scan for a chunk's cut (`ChunkedStages.CutScan`) that goes on where it
/// stopped, beside a scan from the front each time and the chunker's old scan.
@Suite struct ChunkCutScanTests {
    /// The scan from the front that the chunker made before `CutScan`, as it
    /// was: the reference both scans are held to.
    static func cutFromTheFront(_ buffer: [Line], context: Int, chunkBytes: Int, anyLineBytes: Int) -> Int? {
        guard buffer.count > context else { return nil }
        var bytes = 0, highest = Int.min
        var fallback: Int?
        var textEndsBroken = false
        for index in 0..<(buffer.count - context) {
            bytes += buffer[index].bytes.count + 1
            highest = max(highest, buffer[index].number)
            if let last = buffer[index].bytes.last(where: { $0 != 0x20 && $0 != 0x09 }) { textEndsBroken = last == UInt8(ascii: "-") }
            guard bytes >= chunkBytes, buffer[index + 1].number > highest, !textEndsBroken else { continue }
            if PageSegmentation.isBlank(buffer[index]) { return index }
            if fallback == nil, bytes >= anyLineBytes { fallback = index }
        }
        return fallback
    }

    /// The scan for the cut, went on as lines arrive, finds what a scan from the
    /// front finds each time; once it finds a cut the lines up to it leave, as in a run.
    @Test(arguments: [1, 300, 4000, 40000])
    func theCutScanGoingOnFindsWhatAScanFromTheFrontFinds(chunkBytes: Int) throws {
        var all = try StageThreadTests.goldText().split(separator: 0x0A, omittingEmptySubsequences: false).enumerated().map {
            Line(bytes: Array($0.element), number: $0.offset + 1)
        }
        // Made-up lines: broken words, blank lines, spaces at the end, numbers shared by neighbours.
        var draw = SeededGenerator(seed: 5)
        let words: [[UInt8]] = [Array("word".utf8), Array("bro-".utf8), Array("".utf8), Array("  ".utf8), Array("end- \t".utf8), Array("x".utf8)]
        var number = all.count
        for _ in 0..<6000 {
            if draw.next() % 4 != 0 { number += 1 }
            all.append(Line(bytes: words[Int(draw.next() % UInt64(words.count))], number: number))
        }
        let context = 9
        for anyLine in [1, 2] {
            var buffer: [Line] = []
            var going = ChunkedStages.CutScan()
            var cuts = 0
            var taken = 0
            while taken < all.count {
                let more = Int(draw.next() % 700) + 1
                buffer += all[taken..<min(all.count, taken + more)]
                taken += more
                while buffer.count > context {
                    var fresh = ChunkedStages.CutScan()
                    let expected = fresh.find(in: buffer, before: buffer.count - context, chunkBytes: chunkBytes, anyLineBytes: anyLine * chunkBytes)
                    let found = going.find(in: buffer, before: buffer.count - context, chunkBytes: chunkBytes, anyLineBytes: anyLine * chunkBytes)
                    #expect(found == expected, "chunk \(chunkBytes), after \(taken) lines")
                    #expect(expected == Self.cutFromTheFront(buffer, context: context, chunkBytes: chunkBytes, anyLineBytes: anyLine * chunkBytes),
                            "chunk \(chunkBytes), after \(taken) lines: the old scan")
                    guard let cut = expected else { break }
                    cuts += 1
                    buffer.removeSubrange(...cut)
                    going = ChunkedStages.CutScan()
                }
            }
            #expect(cuts > 0)
        }
    }
}
