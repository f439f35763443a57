/// A Kubernetes label selector (`matchLabels` and `matchExpressions`).
public struct LabelSelector: Codable, Sendable, Equatable {
    public var matchLabels: [String: String]?
    public var matchExpressions: [Requirement]?

    public init(matchLabels: [String: String]? = nil, matchExpressions: [Requirement]? = nil) {
        (self.matchLabels, self.matchExpressions) = (matchLabels, matchExpressions)
    }

    /// One `matchExpressions` entry.
    public struct Requirement: Codable, Sendable, Equatable {
        public var key: String
        public var `operator`: Operator
        public var values: [String]?

        public init(key: String, operator: Operator, values: [String]? = nil) {
            (self.key, self.operator, self.values) = (key, `operator`, values)
        }
    }

    /// A set-based selector operator. Unknown spellings are kept so validation can name them.
    public struct Operator: RawRepresentable, Codable, Sendable, Equatable, Hashable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let `in` = Operator(rawValue: "In")
        public static let notIn = Operator(rawValue: "NotIn")
        public static let exists = Operator(rawValue: "Exists")
        public static let doesNotExist = Operator(rawValue: "DoesNotExist")
    }

    /// `matchLabels` sorted by key (byte-wise), the order prometheus-operator emits them in.
    var sortedMatchLabels: [(key: String, value: String)] {
        (matchLabels ?? [:]).sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
            .map { (key: $0.key, value: $0.value) }
    }

    /// The Kubernetes string form (`app=web,!legacy,track notin (a,b)`): requirements sorted
    /// by key, stable so `matchLabels` come first for equal keys, values sorted.
    /// ``LabelSelector/init(parsing:)`` reads it back to an equivalent selector.
    public var kubernetesString: String {
        var requirements: [(key: String, text: String)] = sortedMatchLabels.map { ($0.key, "\($0.key)=\($0.value)") }
        for expression in matchExpressions ?? [] {
            let values = (expression.values ?? []).sorted().joined(separator: ",")
            let text: String = switch expression.operator {
            case .in: "\(expression.key) in (\(values))"
            case .notIn: "\(expression.key) notin (\(values))"
            case .exists: expression.key
            case .doesNotExist: "!\(expression.key)"
            default: expression.key
            }
            requirements.append((expression.key, text))
        }
        let sorted = requirements.enumerated().sorted { lhs, rhs in
            lhs.element.key == rhs.element.key
                ? lhs.offset < rhs.offset
                : Array(lhs.element.key.utf8).lexicographicallyPrecedes(Array(rhs.element.key.utf8))
        }
        return sorted.map(\.element.text).joined(separator: ",")
    }
}
