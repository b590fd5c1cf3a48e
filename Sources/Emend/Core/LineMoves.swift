extension Array where Element == Line {
    /// Moves the lines of `other` to the end of this array and leaves `other`
    /// empty (its capacity kept). When this array is empty the two trade
    /// buffers; else each line is taken off the end of `other` into its place
    /// here, so that no line is copied (a copy takes a count on the line's
    /// bytes that emptying `other` drops again). Never changes a line or their order.
    mutating func moveAppend(_ other: inout [Line]) {
        if isEmpty {
            swap(&self, &other)
            return
        }
        let moved = other.count
        guard moved > 0 else { return }
        append(addingCapacity: moved) { span in
            span.withUnsafeMutableBufferPointer { lines, initialized in
                var index = moved
                while index > 0 {
                    index -= 1
                    (lines.baseAddress! + index).initialize(to: other.removeLast())
                }
                initialized = moved
            }
        }
    }

    /// Puts `held` before the lines of this array and leaves `held` empty: the
    /// lines a stage held back, ahead of those that arrive. Copies the held
    /// lines when they are the fewer (a stage holds a few lines back; a block
    /// brings thousands), else moves the arriving lines after them.
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
    /// them back in an array of their own; no line is copied. The array given
    /// has room for `extra` more lines, so that lines appended to it up to
    /// that many do not move it (only its capacity changes, never its lines).
    /// Never changes a line or the lines before `start`.
    mutating func moveOutSuffix(from start: Int, reservingExtra extra: Int = 0) -> [Line] {
        let taken = count - start
        guard taken > 0 else { return [] }
        return [Line](unsafeUninitializedCapacity: taken + Swift.max(0, extra)) { lines, initialized in
            var index = taken
            while index > 0 {
                index -= 1
                (lines.baseAddress! + index).initialize(to: removeLast())
            }
            initialized = taken
        }
    }
}
