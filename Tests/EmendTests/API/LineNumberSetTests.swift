@testable import Emend
import Testing

/// A line-number set holds exactly the numbers a `Set<Int>` of them holds,
/// as a bitmap or, for numbers far apart, as that set.
@Suite struct LineNumberSetTests {
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func holdsWhatASetHolds(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<200 {
            let base = Int(truncatingIfNeeded: generator.next() % 1_000_000) - 500_000
            let width = [1, 2, 63, 64, 65, 1000, LineNumberSet.widestBitmap - 1, LineNumberSet.widestBitmap,
                         LineNumberSet.widestBitmap + 1, 1 << 40][Int(generator.next() % 10)]
            let numbers = (0..<Int(generator.next() % 50)).map { _ in base + Int(generator.next() % UInt64(width)) }
            let set = Set(numbers), lines = LineNumberSet(numbers)
            let probes = numbers + numbers.flatMap { [$0 - 1, $0 + 1, $0 + 64, $0 - 64] } + [base, base - 1, Int.min, Int.max, 0]
            for probe in probes { #expect(lines.contains(probe) == set.contains(probe), "\(probe) of \(numbers)") }
        }
    }

    @Test func holdsTheFarthestNumbers() {
        for numbers in [[Int.min, Int.max], [Int.max], [Int.min], [], [-5, 5], [0]] {
            let lines = LineNumberSet(numbers)
            for probe in [Int.min, Int.min + 1, -5, -1, 0, 5, Int.max - 1, Int.max] {
                #expect(lines.contains(probe) == numbers.contains(probe), "\(probe) of \(numbers)")
            }
        }
    }
}
