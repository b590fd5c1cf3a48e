/// How far a stage looks ahead of a line: a number of lines, but no more bytes
/// than `maximumBytes` (past a least number of lines).
///
/// A window counted in lines alone holds any number of bytes when the lines are
/// long: sixty 1 MiB segments of a file with no newline are 60 MiB held. Each
/// line's window is fixed by the lines after it alone, never by where the
/// reads fell, so the output does not depend on them. With lines of ordinary
/// length the window is the count of lines, as before.
package enum LookAhead {
    /// The bytes a window stops at (once it holds its least number of lines).
    public static let maximumBytes = 1 << 20

    /// The end (exclusive) of the window after `pending[index]`: up to `lines`
    /// lines, stopping once they hold `maximumBytes` bytes and at least
    /// `minimumLines` lines, or end in a `barrier` (a line past which the stage
    /// never reads); nil when `pending` ends before the window does.
    public static func windowEnd(after index: Int, in pending: [Line], lines: Int, minimumLines: Int = 0,
                                 barrier: ((Line) -> Bool)? = nil) -> Int? {
        var end = index + 1
        var bytes = 0
        while true {
            if ends(pending, from: index + 1, to: end, bytes: bytes, lines: lines, minimumLines: minimumLines, barrier: barrier) { return end }
            guard end < pending.count else { return nil }
            bytes += pending[end].bytes.count
            end += 1
        }
    }

    @inline(__always)
    private static func ends(_ pending: [Line], from start: Int, to end: Int, bytes: Int, lines: Int, minimumLines: Int,
                             barrier: ((Line) -> Bool)?) -> Bool {
        let count = end - start
        if count >= lines { return true }
        guard bytes >= maximumBytes else { return false }
        return count >= minimumLines || (count > 0 && barrier?(pending[end - 1]) == true)
    }

    /// The lines at the front of `pending` whose whole window is in it: the
    /// lines a stage may decide now (all of them at the end of input).
    public static func readyCount(in pending: [Line], lines: Int, minimumLines: Int = 0, atEnd: Bool,
                                  barrier: ((Line) -> Bool)? = nil) -> Int {
        if atEnd { return pending.count }
        // Windows only grow further down (a later line's window ends no sooner):
        // one pass with the window's end and bytes carried from line to line.
        var end = 0
        var bytes = 0  // of pending[(index + 1)..<end]
        for index in pending.indices {
            if end <= index { end = index + 1; bytes = 0 } else { bytes -= pending[index].bytes.count }
            while true {
                if ends(pending, from: index + 1, to: end, bytes: bytes, lines: lines, minimumLines: minimumLines, barrier: barrier) { break }
                guard end < pending.count else { return index }
                bytes += pending[end].bytes.count
                end += 1
            }
        }
        return pending.count
    }

    /// The windows of lines in turn (`index` rising, `pending` unchanged
    /// between calls), each found from the one before in constant time on
    /// average: (index + 1) up to the window's end, or to the end of `pending`.
    public struct Cursor {
        public let lines: Int
        public let minimumLines: Int
        private var end = 0
        private var bytes = 0  // of the lines from the last index asked + 1 up to `end`
        private var lastIndex = -1

        public init(lines: Int, minimumLines: Int = 0) {
            self.lines = lines
            self.minimumLines = minimumLines
        }

        public mutating func window(after index: Int, in pending: [Line]) -> Range<Int> {
            if index != lastIndex + 1 || end <= index {
                end = index + 1
                bytes = 0
            } else {
                bytes -= pending[index].bytes.count
            }
            lastIndex = index
            while end < pending.count && !ends(pending, from: index + 1, to: end, bytes: bytes, lines: lines,
                                               minimumLines: minimumLines, barrier: nil) {
                bytes += pending[end].bytes.count
                end += 1
            }
            return (index + 1)..<end
        }
    }
}
