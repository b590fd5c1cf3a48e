import Foundation

extension GarbleRepair {
    /// A year split by a stray space joined ("193 5," → "1935,"): three digits
    /// from 170 to 199, then one digit alone or before , . ; : ).
    /// Never touches: other numbers, a digit followed by more digits or letters.
    struct SplitYears: GarbleJoinRepair {
        var names: [String] { ["garbles:split-year"] }

        /// Digits, then a token starting with a digit.
        func mayJoin(_ previous: GarbleTokenShape, _ current: GarbleTokenShape) -> Bool { previous.endsWithDigit && current.isNumberPiece }

        func repair(_ line: inout GarbleTokenLine, in context: Context, record: GarbleRecorder) {
            line.joinPairs(rule: "garbles:split-year", record: record) { _, left, _, right in
                // Copied out only when they may be a year (what `join` asks first).
                guard left.count == 3, right.first.map(GarbleRepair.isDigit) == true else { return nil }
                return Self.join(Array(left), Array(right))
            }
        }

        /// "193" + "5," → "1935,": a three-digit start of a year and one digit.
        static func join(_ left: [UInt8], _ right: [UInt8]) -> [UInt8]? {
            guard left.count == 3, left.allSatisfy(GarbleRepair.isDigit), left[0] == UInt8(ascii: "1"),
                  left[1] >= UInt8(ascii: "7"), let digit = right.first, GarbleRepair.isDigit(digit),
                  right.count == 1 || ",.;:)".utf8.contains(right[1]) else { return nil }
            return left + right
        }
    }
}
