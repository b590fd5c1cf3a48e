import Foundation

/// The quick suite (`swift test`) and the full one (`EMEND_FULL_TESTS=1 swift
/// test`, as CI runs it). A case whose size is its point (a whole word list, a
/// file of fifty megabytes, every read size down to one byte) runs at full size
/// in the full suite only; the quick suite runs the same check on a part.
public enum FullSuite {
    public static let isOn = ProcessInfo.processInfo.environment["EMEND_FULL_TESTS"] == "1"

    /// `all` in the full suite, `quick` in the quick one.
    public static func pick<Value>(_ all: Value, quick: Value) -> Value { isOn ? all : quick }
}
