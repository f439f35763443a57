import TSDB

/// One `name op "value"` condition of a vector selector.
public struct LabelMatcher: Sendable, Hashable, CustomStringConvertible {
    public enum MatchType: String, Sendable, Hashable {
        case equal = "="
        case notEqual = "!="
        case regexMatch = "=~"
        case regexNoMatch = "!~"
    }

    public var name: String
    public var type: MatchType
    /// The decoded value (a regular expression for the regex types, anchored at both ends).
    public var value: String

    public init(name: String, type: MatchType, value: String) {
        self.name = name
        self.type = type
        self.value = value
    }

    /// `job="api"`, as Prometheus prints matchers.
    public var description: String { "\(name)\(type.rawValue)\(GoQuoting.quote(value))" }
}

extension LabelMatcher {
    /// The storage form of this matcher, with its regular expression compiled; throws when
    /// the expression does not compile.
    public func storageMatcher() throws(TSDB.LabelMatcherError) -> TSDB.LabelMatcher {
        let storageType: TSDB.LabelMatcher.MatchType
        switch type {
        case .equal: storageType = .equal
        case .notEqual: storageType = .notEqual
        case .regexMatch: storageType = .regexMatch
        case .regexNoMatch: storageType = .regexNoMatch
        }
        return try TSDB.LabelMatcher(storageType, name, value)
    }
}
