@testable import Emend
import Testing

/// A line's tokens under the word repairs (`GarbleTokenLine`), counted 8
/// bytes at a time before they are listed, are the tokens a plain split at
/// spaces gives, each with its place, its length and the spaces after it:
/// on the gold pages' lines and on made-up lines of spaces and tokens of
/// every length up to 17, at every place of an 8-byte word.
/// A token of a plain split of a line at spaces: where it starts, its length
/// and the spaces after it (the reference the token line tests hold to).
struct PlainToken: Equatable {
    let start: Int
    let count: Int
    let spacesAfter: Int

    /// The tokens of `line` split at spaces, byte by byte.
    static func split(_ line: [UInt8]) -> [PlainToken] {
        var found: [PlainToken] = []
        var index = 0
        while index < line.count {
            guard line[index] != 0x20 else { index += 1; continue }
            let start = index
            while index < line.count, line[index] != 0x20 { index += 1 }
            let end = index
            while index < line.count, line[index] == 0x20 { index += 1 }
            found.append(PlainToken(start: start, count: end - start, spacesAfter: index - end))
        }
        return found
    }
}

@Suite struct GarbleTokenLineTests {
    private func differs(_ line: [UInt8]) -> Bool {
        let tokens = GarbleTokenLine(line)
        let made = tokens.tokens.map { PlainToken(start: $0.start, count: $0.count, spacesAfter: $0.spacesAfter) }
        let counted = line.withUnsafeBufferPointer { GarbleTokenLine.tokenCount(in: $0) }
        return made != PlainToken.split(line) || counted != made.count || tokens.tokens.contains { $0.offset != $0.start } || tokens.storage != line
            || tokens.changed
    }

    @Test func tokensAreThoseOfAPlainSplit() throws {
        var lines = try GoldPage.allRawLines()
        for length in 1...17 {
            let token = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
            for spaces in 1...3 {
                let gap = [UInt8](repeating: 0x20, count: spaces)
                lines += [token, gap + token, token + gap, gap + token + gap + token, token + gap + token + gap, gap + token + [0x20] + token]
                for pad in 1...8 { lines.append([UInt8](repeating: 0x20, count: pad) + token + gap + [UInt8(ascii: "x")]) }
            }
        }
        lines += [[], [0x20], [0x20, 0x20], Array("a b c d e f".utf8), Array(" a  b   c    d ".utf8), Array("Ежов  и Берия ".utf8)]
        var differ = 0
        for line in lines where differs(line) { differ += 1 }
        #expect(differ == 0)
        #expect(lines.count > 1000)
    }
}
