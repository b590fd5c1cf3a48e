extension Array where Element == Line {
    /// Moves the lines of `other` to the end of this array and leaves `other`
    /// empty. When this array is empty the two trade buffers, so that no line
    /// is copied (a copy takes a count on the line's bytes that emptying
    /// `other` drops again); else the lines are appended. Never changes a line
    /// or their order.
    mutating func moveAppend(_ other: inout [Line]) {
        if isEmpty {
            swap(&self, &other)
        } else {
            append(contentsOf: other)
            other.removeAll(keepingCapacity: true)
        }
    }

    /// Puts `held` before the lines of this array and leaves `held` empty: the
    /// lines a stage held back, ahead of those that arrive. Copies the shorter
    /// of the two (a stage holds a few lines back; a block brings thousands).
    /// Never changes a line or their order.
    mutating func moveInFront(_ held: inout [Line]) {
        guard !held.isEmpty else { return }
        if held.count <= count {
            insert(contentsOf: held, at: 0)
            held.removeAll(keepingCapacity: true)
        } else {
            held.moveAppend(&self)
            swap(&self, &held)
        }
    }

    /// Takes the lines from `start` on out of this array, in order, and gives
    /// them back in an array of their own; no line is copied. Never changes a
    /// line or the lines before `start`.
    mutating func moveOutSuffix(from start: Int) -> [Line] {
        let taken = count - start
        guard taken > 0 else { return [] }
        return [Line](unsafeUninitializedCapacity: taken) { lines, initialized in
            var index = taken
            while index > 0 {
                index -= 1
                (lines.baseAddress! + index).initialize(to: removeLast())
            }
            initialized = taken
        }
    }
}
