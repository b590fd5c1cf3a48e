@testable import Emend
import Testing

/// `moveAppend` and `moveInFront` give the lines that appending them gives,
/// in the same order, and leave the lines moved from empty, whichever side
/// is the longer or empty.
@Suite struct LineMovesTests {
    /// Two runs of lines each, as words (either may be empty).
    static let pairsOfRuns = [("", ""), ("", "the offi- cial"), ("the offi- cial", ""), ("Yezhov", "NKVD Politburo of 1937"),
                              ("op. 2 , d. 577", "RTsKhIDNI")]

    static func lines(_ words: String, from number: Int) -> [Line] {
        words.split(separator: " ").enumerated().map { Line(String($0.element), number: number + $0.offset) }
    }

    @Test(arguments: Self.pairsOfRuns)
    func moveAppendKeepsTheLinesInOrder(front: String, back: String) {
        var target = Self.lines(front, from: 1)
        var moved = Self.lines(back, from: 100)
        let expected = target + moved
        target.moveAppend(&moved)
        #expect(target == expected)
        #expect(moved.isEmpty)
    }

    @Test(arguments: Self.pairsOfRuns)
    func moveInFrontPutsTheHeldLinesFirst(held: String, arriving: String) {
        var target = Self.lines(arriving, from: 100)
        var front = Self.lines(held, from: 1)
        let expected = front + target
        target.moveInFront(&front)
        #expect(target == expected)
        #expect(front.isEmpty)
    }

    /// A line moved keeps its bytes when the array it came from is changed after.
    @Test func aMovedLineIsNotTheSourcesAnyMore() {
        var target: [Line] = []
        var moved = [Line("Conceming")]
        target.moveAppend(&moved)
        moved.append(Line("tbe"))
        #expect(target == [Line("Conceming")])
        #expect(moved == [Line("tbe")])
    }

    /// Runs of lines of every length up to a few dozen, each line its own
    /// bytes and number: a line lost, doubled or out of place shows.
    static func numbered(_ count: Int, from number: Int) -> [Line] {
        (0..<count).map { Line("line \(number + $0) of the archive", number: number + $0) }
    }

    static let lengths = [0, 1, 2, 3, 7, 31, 64]

    @Test func movesGiveWhatAppendingGivesForRunsOfEveryLength() {
        for front in Self.lengths {
            for back in Self.lengths {
                var target = Self.numbered(front, from: 1)
                var moved = Self.numbered(back, from: 1000)
                let expected = target + moved
                target.moveAppend(&moved)
                #expect(target == expected, "moveAppend \(front) + \(back)")
                #expect(moved.isEmpty)

                var arriving = Self.numbered(back, from: 1000)
                var held = Self.numbered(front, from: 1)
                arriving.moveInFront(&held)
                #expect(arriving == expected, "moveInFront \(front) + \(back)")
                #expect(held.isEmpty)
            }
        }
    }

    /// Lines moved out of an array another owner shares stay in that owner's copy as they were.
    @Test func movingFromASharedArrayLeavesTheOtherOwnersLines() {
        for (front, back) in [(3, 31), (31, 3), (7, 7)] {
            var target = Self.numbered(front, from: 1)
            var moved = Self.numbered(back, from: 1000)
            let targetBefore = target, movedBefore = moved
            target.moveAppend(&moved)
            #expect(target == targetBefore + movedBefore)
            #expect(movedBefore == Self.numbered(back, from: 1000))

            var arriving = Self.numbered(back, from: 1000)
            var held = Self.numbered(front, from: 1)
            let arrivingBefore = arriving, heldBefore = held
            arriving.moveInFront(&held)
            #expect(arriving == heldBefore + arrivingBefore)
            #expect(arrivingBefore == Self.numbered(back, from: 1000))
            #expect(heldBefore == Self.numbered(front, from: 1))
        }
    }

    /// `moveOutSuffix` gives the lines from its index on, in order, and leaves those before.
    @Test func moveOutSuffixSplitsTheLinesWhereAsked() {
        for count in Self.lengths {
            for start in Set([0, count / 2, max(0, count - 1), count]) {
                var lines = Self.numbered(count, from: 1)
                let all = lines
                let shared = lines
                let suffix = lines.moveOutSuffix(from: start)
                #expect(lines == Array(all[..<start]), "\(count) from \(start)")
                #expect(suffix == Array(all[start...]), "\(count) from \(start)")
                #expect(shared == all)
            }
        }
    }

    /// With room reserved, `moveOutSuffix` gives the same lines, and lines
    /// appended up to the room reserved join them where they are (the array is not moved).
    @Test func moveOutSuffixReservingRoomGivesTheSameLines() {
        for count in Self.lengths {
            for start in Set([0, count / 2, max(0, count - 1), count]) {
                for extra in [0, 1, 5, 64] {
                    var lines = Self.numbered(count, from: 1)
                    let all = lines
                    var suffix = lines.moveOutSuffix(from: start, reservingExtra: extra)
                    #expect(lines == Array(all[..<start]), "\(count) from \(start) + \(extra)")
                    #expect(suffix == Array(all[start...]), "\(count) from \(start) + \(extra)")
                    guard !suffix.isEmpty else { continue }
                    #expect(suffix.capacity >= suffix.count + extra)
                    let base = suffix.withUnsafeBufferPointer { $0.baseAddress }
                    var arriving = Self.numbered(extra, from: 1000)
                    let expected = suffix + arriving
                    suffix.moveAppend(&arriving)
                    #expect(suffix == expected)
                    #expect(suffix.withUnsafeBufferPointer { $0.baseAddress } == base, "\(count) from \(start) + \(extra)")
                }
            }
        }
    }
}
