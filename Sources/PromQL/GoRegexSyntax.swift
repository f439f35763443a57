/// A syntax check of regular expressions as Go's `regexp/syntax` (RE2, Perl flags) parses
/// them, reporting the usual mistakes with Go's wording, e.g.
/// "missing closing ): `^(?:(a)$`". Prometheus anchors matcher patterns as `^(?:…)$` before
/// compiling, and so does this check, so messages quote the same text.
///
/// This is not a full RE2 parser: it finds unbalanced groups and brackets, misplaced or
/// stacked repetition operators, bad repeat counts, unknown escapes and unsupported `(?…)`
/// groups. Anything it lets through is left to the regex engine that evaluates the matcher.
struct GoRegexSyntax {
    let text: [Unicode.Scalar]
    var index = 0
    var depth = 0
    /// Whether the previous item can take a repetition operator.
    var hasOperand = false
    /// Where the previous repetition operator started, if the previous item was one.
    var lastRepeatStart: Int?

    init(anchoring pattern: String) {
        text = Array(("^(?:" + pattern + ")$").unicodeScalars)
    }

    /// Go's message for the first syntax error in `pattern`, or nil.
    static func error(in pattern: String) -> String? {
        var checker = GoRegexSyntax(anchoring: pattern)
        return checker.firstError()
    }

    func slice(_ from: Int, _ to: Int) -> String {
        var out = ""
        out.unicodeScalars.append(contentsOf: text[max(0, from)..<min(text.count, to)])
        return out
    }

    static let posixClasses: Set<String> = [
        "alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper",
        "word", "xdigit",
    ]

    func failure(_ code: String, _ argument: String) -> String { "\(code): `\(argument)`" }

    func at(_ position: Int) -> Unicode.Scalar? { position < text.count ? text[position] : nil }

    mutating func firstError() -> String? {
        while index < text.count {
            let start = index
            let character = text[index]
            var isRepeat = false
            switch character {
            case "(":
                if let problem = openGroup() { return problem }
            case ")":
                if depth == 0 { return failure("unexpected )", slice(0, text.count)) }
                depth -= 1
                index += 1
                hasOperand = true
            case "|":
                index += 1
                hasOperand = false
            case "*", "+", "?":
                index += 1
                if at(index) == "?" { index += 1 }  // non-greedy
                if let problem = repetition(from: start) { return problem }
                isRepeat = true
            case "{":
                if let end = repeatCountEnd(from: start) {
                    if let problem = repeatCount(from: start, to: end) { return problem }
                    index = end
                    if at(index) == "?" { index += 1 }
                    if let problem = repetition(from: start) { return problem }
                    isRepeat = true
                } else {
                    index += 1  // a literal brace
                    hasOperand = true
                }
            case "[":
                if let problem = characterClass() { return problem }
                hasOperand = true
            case "\\":
                if let problem = escape(insideClass: false) { return problem }
                hasOperand = true
            default:
                index += 1
                hasOperand = true
            }
            lastRepeatStart = isRepeat ? start : nil
        }
        return depth > 0 ? failure("missing closing )", slice(0, text.count)) : nil
    }

    mutating func repetition(from start: Int) -> String? {
        if let previous = lastRepeatStart {
            return failure("invalid nested repetition operator", slice(previous, index))
        }
        if !hasOperand { return failure("missing argument to repetition operator", slice(start, index)) }
        return nil
    }

    mutating func openGroup() -> String? {
        let start = index
        index += 1
        guard at(index) == "?" else {
            depth += 1
            hasOperand = false
            return nil
        }
        index += 1
        if at(index) == "P", at(index + 1) == "<" {
            while let next = at(index), next != ">" { index += 1 }
            index += 1
            depth += 1
            hasOperand = false
            return nil
        }
        while let next = at(index) {
            index += 1
            switch next {
            case "i", "m", "s", "U", "-": continue
            case ":":
                depth += 1
                hasOperand = false
                return nil
            case ")":
                return nil  // flags only: nothing pushed
            default:
                return failure("invalid or unsupported Perl syntax", slice(start, index))
            }
        }
        return failure("invalid or unsupported Perl syntax", slice(start, index))
    }

    /// The end of `{n}`, `{n,}` or `{n,m}` starting at `start`, or nil if it is a literal.
    func repeatCountEnd(from start: Int) -> Int? {
        var position = start + 1
        var digits = 0
        while let next = at(position), next.properties.numericType != nil, next.isASCII {
            position += 1
            digits += 1
        }
        guard digits > 0 else { return nil }
        if at(position) == "," {
            position += 1
            while let next = at(position), next.isASCII, next.properties.numericType != nil { position += 1 }
        }
        return at(position) == "}" ? position + 1 : nil
    }

    func repeatCount(from start: Int, to end: Int) -> String? {
        let inner = slice(start + 1, end - 1)
        let parts = inner.split(separator: ",", omittingEmptySubsequences: false)
        let minimum = Int(parts[0]) ?? Int.max
        let maximum = parts.count > 1 ? (parts[1].isEmpty ? -1 : Int(parts[1]) ?? Int.max) : minimum
        if minimum > 1000 || maximum > 1000 || (maximum >= 0 && minimum > maximum) {
            return failure("invalid repeat count", slice(start, end))
        }
        return nil
    }

    mutating func characterClass() -> String? {
        let start = index
        index += 1
        if at(index) == "^" { index += 1 }
        var first = true
        while let next = at(index), next != "]" || first {
            first = false
            if next == "[", at(index + 1) == ":" {
                let close = (index + 2..<text.count).first { text[$0] == ":" && at($0 + 1) == "]" }
                if let close {
                    var name = slice(index + 2, close)
                    if name.hasPrefix("^") { name.removeFirst() }
                    guard Self.posixClasses.contains(name) else {
                        return failure("invalid character class range", slice(index, close + 2))
                    }
                    index = close + 2
                    continue
                }
            }
            let low = next
            if next == "\\" {
                if let problem = escape(insideClass: true) { return problem }
                continue
            }
            index += 1
            if at(index) == "-", let high = at(index + 1), high != "]", high != "\\" {
                if high.value < low.value {
                    return failure("invalid character class range", slice(index - 1, index + 2))
                }
                index += 2
            }
        }
        if at(index) == nil { return failure("missing closing ]", slice(start, text.count)) }
        index += 1
        return nil
    }

    mutating func escape(insideClass: Bool) -> String? {
        let start = index
        index += 1
        guard let next = at(index) else { return failure("trailing backslash at end of expression", "") }
        index += 1
        if !next.isASCII { return failure("invalid escape sequence", slice(start, index)) }
        let valid: Set<Unicode.Scalar> = insideClass
            ? ["a", "f", "t", "n", "r", "v", "d", "D", "s", "S", "w", "W", "x", "p", "P", "0"]
            : ["a", "f", "t", "n", "r", "v", "d", "D", "s", "S", "w", "W", "x", "p", "P", "0", "b", "B", "A", "z",
               "Q"]
        let isWordCharacter = next.properties.isAlphabetic || next.properties.numericType != nil || next == "_"
        if !isWordCharacter { return nil }  // escaped punctuation is a literal
        if ("1"..."7").contains(next), let following = at(index), ("0"..."7").contains(following) { return nil }
        guard valid.contains(next) else { return failure("invalid escape sequence", slice(start, index)) }
        switch next {
        case "p", "P":
            if at(index) == "{" {
                while let scan = at(index), scan != "}" { index += 1 }
                index += 1
            } else {
                index += 1
            }
        case "x":
            if at(index) == "{" {
                while let scan = at(index), scan != "}" { index += 1 }
                index += 1
            } else {
                index += 2
            }
        case "Q":
            while index < text.count, !(text[index] == "\\" && at(index + 1) == "E") { index += 1 }
            index = min(text.count, index + 2)
        default:
            break
        }
        return nil
    }
}
