import Foundation

/// Refuses regular expressions from rule files that can take exponential time
/// in a backtracking matcher (ICU's): a repeated group that holds a repetition,
/// like (a+)+ or (\w*)*, or alternatives, like (a|ab)*, and back-references
/// (\1, \k<name>), with which matching is NP-hard. Bounded repetition of a
/// plain group, (ab){2}, and alternatives that are not repeated, (cont|contd),
/// stay allowed.
///
/// The pattern is checked alone, as ICU will read it: it must compile on its own
/// (a caller wraps it in a group, and `a+)+(?:x` would close that group and
/// repeat it), `\Q…\E` is read as the literal text it is, and free-spacing mode
/// and comments, which hide the pattern's shape from this reading, are refused.
enum RegexSafety {
    static func problem(in pattern: String) -> String? {
        if pattern.count > 500 { return "longer than 500 characters" }
        if (try? NSRegularExpression(pattern: pattern)) == nil {
            return "it does not compile on its own (a parenthesis without its partner, say)"
        }
        // Per open group: holds a quantifier; holds alternatives.
        var stack: [(repeats: Bool, alternates: Bool)] = []
        var escaped = false
        var inClass = false
        let characters = Array(pattern)
        var quoted = false  // inside \Q…\E
        for (index, character) in characters.enumerated() {
            if quoted {
                if character == "E" && index > 0 && characters[index - 1] == "\\" { quoted = false }
                continue
            }
            if escaped {
                escaped = false
                if character == "Q" { quoted = true; continue }
                if !inClass && (character.isNumber && character != "0" || character == "k") {
                    return "a back-reference (\\\(character)), which can take exponential time"
                }
                continue
            }
            switch character {
            case "\\": escaped = true
            case "[": inClass = true
            case "]": inClass = false
            case "(" where !inClass:
                if index + 1 < characters.count, characters[index + 1] == "?" {
                    let flags = characters[(index + 2)...].prefix { $0.isLetter || $0 == "-" }
                    if index + 2 < characters.count, characters[index + 2] == "#" {
                        return "a comment ((?#…)), which hides the pattern's shape"
                    }
                    if flags.prefix(while: { $0 != "-" }).contains("x") {
                        return "free-spacing mode ((?x)), whose comments hide the pattern's shape"
                    }
                }
                stack.append((false, false))
            case "|" where !inClass && !stack.isEmpty: stack[stack.count - 1].alternates = true
            case ")" where !inClass:
                let inner = stack.popLast() ?? (false, false)
                let next = index + 1 < characters.count ? characters[index + 1] : " "
                if "*+{".contains(next) {
                    if inner.repeats { return "a repeated group holds a repetition (nested quantifier), which can run away" }
                    if inner.alternates { return "a repeated group holds alternatives ((a|ab)*), which can run away" }
                }
                if inner.repeats || "*+?{".contains(next), !stack.isEmpty { stack[stack.count - 1].repeats = true }
            case "*", "+", "{":
                if !inClass && !stack.isEmpty { stack[stack.count - 1].repeats = true }
            default: break
            }
        }
        return nil
    }
}
