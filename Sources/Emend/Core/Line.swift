/// How a line ended in the input. Stages keep it, so output line endings are
/// the input's (LF or CRLF, mixed if the input mixed them).
public enum LineEnding: UInt8, Sendable, Equatable {
    /// The last line of an input that does not end with a newline.
    case none
    /// `\n`
    case lf
    /// `\r\n`
    case crlf
    /// No newline: an over-long line was cut here into segments of bounded size
    /// and goes on in the next `Line`. Stages must not treat it as a line break.
    case split

    /// The bytes written after the line's content.
    @inlinable public var bytes: [UInt8] {
        switch self {
        case .none, .split: return []
        case .lf: return [0x0A]
        case .crlf: return [0x0D, 0x0A]
        }
    }

    /// True for a real newline in the input (not end of input, not a cut).
    @inlinable public var isNewline: Bool { self == .lf || self == .crlf }
}

/// One line of text as UTF-8 bytes, the unit that flows between stages.
///
/// `bytes` holds the content without its line ending; it is valid UTF-8 once
/// the line has passed the input reader. `number` is the 1-based input line
/// the content came from (0 for a line a stage made up), for reports.
public struct Line: Sendable, Equatable {
    public var bytes: [UInt8]
    public var ending: LineEnding
    public var number: Int
    /// True for the second and later segments of an over-long line the reader
    /// cut (the line before ended with `LineEnding.split`): it does not start a line.
    public var isContinuation: Bool

    @inlinable
    public init(bytes: [UInt8], ending: LineEnding = .lf, number: Int = 0, isContinuation: Bool = false) {
        self.bytes = bytes
        self.ending = ending
        self.number = number
        self.isContinuation = isContinuation
    }

    public init(_ text: String, ending: LineEnding = .lf, number: Int = 0) {
        self.init(bytes: Array(text.utf8), ending: ending, number: number)
    }

    /// The content decoded as a String (for diagnostics and tests, not hot paths).
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
