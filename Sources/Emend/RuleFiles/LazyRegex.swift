import Foundation

/// A rule file's regular expression, compiled on its first use. A pattern of
/// a built-in rule file (tests compile every one) may wait for its first use;
/// any other pattern is checked and compiled as its file is read, and comes
/// here already compiled, so its errors stay where they were. Never changes
/// the pattern, its options or a match.
final class LazyRegex: @unchecked Sendable {
    let pattern: String
    let options: NSRegularExpression.Options
    private var compiled: NSRegularExpression?
    private let lock = NSLock()

    /// A pattern known to compile, compiled when first asked for.
    init(known pattern: String, options: NSRegularExpression.Options = []) {
        self.pattern = pattern
        self.options = options
    }

    /// A pattern already compiled.
    init(compiled: NSRegularExpression) {
        pattern = compiled.pattern
        options = compiled.options
        self.compiled = compiled
    }

    var regex: NSRegularExpression {
        lock.lock()
        defer { lock.unlock() }
        if let compiled { return compiled }
        // A built-in pattern: tests compile every one, so a failure here is a defect of the build.
        do {
            let made = try NSRegularExpression(pattern: pattern, options: options)
            compiled = made
            return made
        } catch {
            preconditionFailure("a built-in rule pattern does not compile: \(pattern) (\(error))")
        }
    }

    /// True when `text` is a built-in rule file's own text: its patterns are
    /// known to compile and to pass `RegexSafety`.
    static func isBuiltIn(_ text: String, path: String) -> Bool {
        guard let builtIn = EmbeddedRules.files[path] else { return false }
        return text == builtIn
    }
}
