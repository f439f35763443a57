/// A label selector string that is not valid kubectl `-l` syntax.
public struct LabelSelectorParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based column (in bytes) where the problem starts.
    public var column: Int
    public var message: String

    public init(column: Int, message: String) {
        (self.column, self.message) = (column, message)
    }

    public var description: String { "column \(column): \(message)" }
}

extension LabelSelector {
    /// Parses kubectl's `-l` syntax: comma-separated requirements `key=value`, `key==value`,
    /// `key!=value`, `key in (a,b)`, `key notin (a,b)`, `key` (exists) and `!key` (does not
    /// exist). Equalities become `matchLabels`; the rest become `matchExpressions` in the
    /// order written (`!=` is `NotIn` with one value, as Kubernetes converts it). An empty
    /// string is the empty selector, which selects everything.
    public init(parsing text: String) throws(LabelSelectorParseError) {
        var parser = SelectorTextParser(bytes: Array(text.utf8))
        self = try parser.parse()
    }
}

/// The scanner and recursive-descent parser behind ``LabelSelector/init(parsing:)``.
private struct SelectorTextParser {
    let bytes: [UInt8]
    var index = 0
    var labels: [String: String] = [:]
    var expressions: [LabelSelector.Requirement] = []

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func parse() throws(LabelSelectorParseError) -> LabelSelector {
        skipSpaces()
        if index == bytes.count { return LabelSelector() }
        while true {
            try parseRequirement()
            skipSpaces()
            if index == bytes.count { break }
            guard bytes[index] == UInt8(ascii: ",") else {
                throw failure("expected ',' or the end, found '\(character(at: index))'")
            }
            index += 1
            skipSpaces()
            if index == bytes.count { throw failure("expected a requirement after ','") }
        }
        return LabelSelector(matchLabels: labels.isEmpty ? nil : labels,
                             matchExpressions: expressions.isEmpty ? nil : expressions)
    }

    private mutating func parseRequirement() throws(LabelSelectorParseError) {
        if bytes[index] == UInt8(ascii: "!") {
            index += 1
            skipSpaces()
            let key = try parseKey()
            expressions.append(.init(key: key, operator: .doesNotExist))
            return
        }
        let key = try parseKey()
        skipSpaces()
        guard index < bytes.count, bytes[index] != UInt8(ascii: ",") else {
            expressions.append(.init(key: key, operator: .exists))
            return
        }
        switch bytes[index] {
        case UInt8(ascii: "="):
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "=") { index += 1 }
            let value = try parseValue()
            if let existing = labels[key], existing != value {
                expressions.append(.init(key: key, operator: .in, values: [value]))
            } else {
                labels[key] = value
            }
        case UInt8(ascii: "!"):
            guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "=") else {
                throw failure("expected '!=' after key '\(key)'")
            }
            index += 2
            expressions.append(.init(key: key, operator: .notIn, values: [try parseValue()]))
        default:
            let start = index
            let word = scanWord()
            switch word {
            case "in": expressions.append(.init(key: key, operator: .in, values: try parseSet(operator: word)))
            case "notin": expressions.append(.init(key: key, operator: .notIn, values: try parseSet(operator: word)))
            default:
                index = start
                throw failure("expected one of '=', '==', '!=', 'in', 'notin', ',' or the end after key '\(key)'")
            }
        }
    }

    /// `( value, value, ... )`, at least one value.
    private mutating func parseSet(operator word: String) throws(LabelSelectorParseError) -> [String] {
        skipSpaces()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "(") else {
            throw failure("expected '(' after '\(word)'")
        }
        index += 1
        var values: [String] = []
        skipSpaces()
        if index < bytes.count, bytes[index] == UInt8(ascii: ")") {
            throw failure("'\(word)' needs at least one value")
        }
        while true {
            values.append(try parseValue())
            skipSpaces()
            guard index < bytes.count else { throw failure("missing ')' to close the '\(word)' list") }
            if bytes[index] == UInt8(ascii: ")") { index += 1; return values }
            guard bytes[index] == UInt8(ascii: ",") else {
                throw failure("expected ',' or ')' in the '\(word)' list, found '\(character(at: index))'")
            }
            index += 1
        }
    }

    private mutating func parseKey() throws(LabelSelectorParseError) -> String {
        let start = index
        let key = scanWord()
        guard !key.isEmpty else {
            throw failure(index < bytes.count ? "expected a label key, found '\(character(at: index))'"
                                              : "expected a label key")
        }
        if let problem = Self.keyProblem(key) { throw LabelSelectorParseError(column: start + 1, message: problem) }
        return key
    }

    /// A value after `=`/`!=` or in a set; empty values are valid label values.
    private mutating func parseValue() throws(LabelSelectorParseError) -> String {
        skipSpaces()
        let start = index
        let value = scanWord()
        if let problem = Self.nameProblem(value, what: "label value", allowEmpty: true) {
            throw LabelSelectorParseError(column: start + 1, message: problem)
        }
        return value
    }

    /// Bytes up to a space or one of `,=!()`.
    private mutating func scanWord() -> String {
        let start = index
        while index < bytes.count, !Self.isDelimiter(bytes[index]) { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func skipSpaces() {
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") {
            index += 1
        }
    }

    private func character(at position: Int) -> String { String(decoding: [bytes[position]], as: UTF8.self) }

    private func failure(_ message: String) -> LabelSelectorParseError {
        LabelSelectorParseError(column: index + 1, message: message)
    }

    private static func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: ","), UInt8(ascii: "="), UInt8(ascii: "!"),
             UInt8(ascii: "("), UInt8(ascii: ")"):
            true
        default: false
        }
    }

    /// A qualified name: an optional DNS-subdomain prefix and `/`, then a name.
    private static func keyProblem(_ key: String) -> String? {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return "label key '\(key)' has more than one '/'" }
        if parts.count == 2 {
            let prefix = parts[0]
            let isSubdomain = !prefix.isEmpty && prefix.utf8.count <= 253
                && prefix.utf8.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
                && prefix.utf8.first.map(isLowerAlphanumeric) == true && prefix.utf8.last.map(isLowerAlphanumeric) == true
            if !isSubdomain { return "label key prefix '\(prefix)' is not a lower-case DNS subdomain" }
        }
        return nameProblem(String(parts[parts.count - 1]), what: "label key", allowEmpty: false)
    }

    /// At most 63 characters of `[A-Za-z0-9._-]`, alphanumeric at both ends.
    private static func nameProblem(_ name: String, what: String, allowEmpty: Bool) -> String? {
        if name.isEmpty { return allowEmpty ? nil : "\(what) is empty" }
        guard name.utf8.count <= 63 else { return "\(what) '\(name)' is longer than 63 characters" }
        let allowed = name.utf8.allSatisfy {
            isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
        }
        guard allowed, name.utf8.first.map(isAlphanumeric) == true, name.utf8.last.map(isAlphanumeric) == true else {
            return "\(what) '\(name)' must be letters, digits, '-', '_' or '.', starting and ending with a letter or digit"
        }
        return nil
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isLowerAlphanumeric(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
