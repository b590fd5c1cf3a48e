import Foundation

extension GarbleRepair {
    /// Digits split by a stray space inside a number joined, where the joined
    /// number is plausible in its place:
    /// - a grouped number whose last group is short by the digits that follow
    ///   ("1,5 00" → "1,500", "12,0 00," → "12,000,"): a comma group of one or
    ///   two digits cannot end a number, and the digits after the space make it three;
    /// - a year split in two ("In 19 37 the" → "In 1937 the"): "17" to "20",
    ///   then two digits, with a word of letters before (or the line's start)
    ///   and no number after, as a year stands in a sentence, in a document
    ///   that writes at least `minimumYearsOfTheDecade` years of that decade
    ///   as four digits (`DocumentSurvey.yearCount(inDecadeOf:)`).
    /// Never touches: a year of a decade the document does not write
    /// ("the ages 18 20 and 30" in a book without the 1820s), a row of numbers (a number before or after: "19 37 45"),
    /// two numbers after an abbreviation or a mark ("pp. 19 37", "Nos. 18 24"),
    /// a comma group of three digits ("1,500 00"), three-digit starts of years
    /// (`SplitYears`').
    struct SplitNumbers: GarbleJoinRepair {
        var names: [String] { ["garbles:split-number"] }

        /// How many years of the joined year's decade the document must write as four digits.
        static let minimumYearsOfTheDecade = 2

        /// Digits, then a token starting with a digit.
        func mayJoin(_ previous: GarbleTokenShape, _ current: GarbleTokenShape) -> Bool { previous.endsWithDigit && current.isNumberPiece }

        func repair(_ line: inout GarbleTokenLine, in context: Context, record: GarbleRecorder) {
            let tokens = line.tokens
            guard tokens.count >= 2 else { return }
            var kept: [GarbleTokenLine.Token] = []
            kept.reserveCapacity(tokens.count)
            var index = 0
            while index < tokens.count {
                // Copied out only when both start with a digit (as `join` wants them).
                if index + 1 < tokens.count, tokens[index].spacesAfter == 1,
                   line[tokens[index]].first.map(GarbleRepair.isDigit) == true, line[tokens[index + 1]].first.map(GarbleRepair.isDigit) == true,
                   let joined = Self.join(Array(line[tokens[index]]), Array(line[tokens[index + 1]]),
                                          before: index > 0 ? Array(line[tokens[index - 1]]) : nil,
                                          after: index + 2 < tokens.count ? Array(line[tokens[index + 2]]) : nil, survey: context.survey) {
                    kept.append(line.join(tokens[index...(index + 1)], into: joined, rule: "garbles:split-number", record: record))
                    index += 2
                } else {
                    kept.append(tokens[index])
                    index += 1
                }
            }
            line.tokens = kept
        }

        /// The joined number, if `left` and `right` are one (see above).
        static func join(_ left: [UInt8], _ right: [UInt8], before: [UInt8]?, after: [UInt8]?, survey: DocumentSurvey) -> [UInt8]? {
            let digitsOf = { (bytes: ArraySlice<UInt8>) in bytes.prefix(while: GarbleRepair.isDigit) }
            let closing = ",.;:)".utf8
            // The right part: digits, maybe more comma groups of three, then closing marks.
            let rightDigits = digitsOf(right[...])
            guard !rightDigits.isEmpty else { return nil }
            var tail = right[rightDigits.endIndex...]
            while tail.count >= 4, tail.first == UInt8(ascii: ","), digitsOf(tail.dropFirst()).count == 3 { tail = tail.dropFirst(4) }
            guard tail.allSatisfy({ closing.contains($0) }) else { return nil }
            if let comma = left.lastIndex(of: UInt8(ascii: ",")) {
                // "1,5" + "00": the left is a grouped number whose last group is short.
                let groups = left.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
                guard groups.count >= 2, let lead = groups.first, (1...3).contains(lead.count), lead.allSatisfy(GarbleRepair.isDigit),
                      groups.dropFirst().dropLast().allSatisfy({ $0.count == 3 && $0.allSatisfy(GarbleRepair.isDigit) }) else { return nil }
                let short = left[(comma + 1)...]
                guard (1...2).contains(short.count), short.allSatisfy(GarbleRepair.isDigit), short.count + rightDigits.count == 3 else {
                    return nil
                }
                return left + right
            }
            // "19" + "37": a year, in a sentence.
            guard left.count == 2, left.allSatisfy(GarbleRepair.isDigit), let century = Int(String(decoding: left, as: UTF8.self)),
                  (17...20).contains(century), rightDigits.count == 2,
                  tail.count == right.count - 2 else { return nil }
            if let before {
                guard let last = before.last, DocumentVocabulary.isLetter(last), before.allSatisfy({ $0 < 0x80 && DocumentVocabulary.isLetter($0) })
                else { return nil }
            }
            if let after, after.contains(where: GarbleRepair.isDigit) { return nil }
            // The document writes years of that decade elsewhere (the survey counts four digits alone).
            guard let year = Int(String(decoding: left + Array(rightDigits), as: UTF8.self)),
                  survey.yearCount(inDecadeOf: year) >= minimumYearsOfTheDecade else { return nil }
            return left + right
        }
    }
}
