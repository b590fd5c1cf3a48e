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
}
