/// Refuses regular expressions from rule files that can take exponential time
/// in a backtracking matcher (ICU's): a repeated group that holds a repetition,
/// like (a+)+ or (\w*)*, or alternatives, like (a|ab)*, and back-references
/// (\1, \k<name>), with which matching is NP-hard. Bounded repetition of a
/// plain group, (ab){2}, and alternatives that are not repeated, (cont|contd),
/// stay allowed.
enum RegexSafety {
    static func problem(in pattern: String) -> String? {
        if pattern.count > 500 { return "longer than 500 characters" }
        // Per open group: holds a quantifier; holds alternatives.
        var stack: [(repeats: Bool, alternates: Bool)] = []
        var escaped = false
        var inClass = false
        let characters = Array(pattern)
        for (index, character) in characters.enumerated() {
            if escaped {
                escaped = false
                if !inClass && (character.isNumber && character != "0" || character == "k") {
                    return "a back-reference (\\\(character)), which can take exponential time"
                }
                continue
            }
            switch character {
            case "\\": escaped = true
            case "[": inClass = true
            case "]": inClass = false
            case "(" where !inClass: stack.append((false, false))
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
