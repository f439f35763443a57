/// A condition on one label, as in a PromQL selector `{job=~"api|web"}`.
///
/// Semantics follow Prometheus: a series lacking the label is treated as having the
/// empty value, so a matcher that matches `""` (`env=""`, `env!~".+"`) also selects
/// series without `env`. Regular expressions are fully anchored.
public struct LabelMatcher: Sendable, Hashable, CustomStringConvertible {
    /// The four PromQL matcher operators.
    public enum MatchType: String, Sendable, Hashable {
        case equal = "="
        case notEqual = "!="
        case regexMatch = "=~"
        case regexNoMatch = "!~"
    }

    /// The label name the matcher looks at.
    public let name: String
    /// The operator.
    public let type: MatchType
    /// The literal value or the regular expression source.
    public let value: String
    let regex: LabelRegex?

    /// Builds a matcher, compiling `value` when `type` is a regex operator.
    ///
    /// - Throws: ``LabelMatcherError/invalidRegex(label:pattern:reason:)`` naming the
    ///   regex and the compiler's reason.
    public init(_ type: MatchType, _ name: String, _ value: String) throws(LabelMatcherError) {
        self.name = name
        self.type = type
        self.value = value
        switch type {
        case .equal, .notEqual:
            regex = nil
        case .regexMatch, .regexNoMatch:
            regex = try LabelRegex(pattern: value, label: name)
        }
    }

    /// Whether a label value satisfies the matcher (`""` stands for a missing label).
    public func matches(_ candidate: String) -> Bool {
        switch type {
        case .equal: candidate == value
        case .notEqual: candidate != value
        case .regexMatch: regex?.matches(candidate) ?? false
        case .regexNoMatch: !(regex?.matches(candidate) ?? false)
        }
    }

    /// Whether series without this label are selected.
    public var matchesEmpty: Bool { matches("") }

    /// The PromQL spelling, e.g. `job=~"api|web"`.
    public var description: String {
        let escaped = value.replacingBackslashesAndQuotes()
        return "\(name)\(type.rawValue)\"\(escaped)\""
    }

    public static func == (lhs: LabelMatcher, rhs: LabelMatcher) -> Bool {
        lhs.name == rhs.name && lhs.type == rhs.type && lhs.value == rhs.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(type)
        hasher.combine(value)
    }
}

extension String {
    fileprivate func replacingBackslashesAndQuotes() -> String {
        var out = ""
        for character in self {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }
}
