/// Binary operators, by Prometheus precedence (see `precedence`).
public enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
    case add = "+", sub = "-", mul = "*", div = "/", mod = "%", pow = "^", atan2
    case equal = "==", notEqual = "!=", lessOrEqual = "<=", less = "<", greaterOrEqual = ">=", greater = ">"
    case and, or, unless

    /// Higher binds tighter: `or` 1, `and`/`unless` 2, comparisons 3, `+ -` 4, `* / % atan2` 5, `^` 6.
    public var precedence: Int {
        switch self {
        case .or: return 1
        case .and, .unless: return 2
        case .equal, .notEqual, .lessOrEqual, .less, .greaterOrEqual, .greater: return 3
        case .add, .sub: return 4
        case .mul, .div, .mod, .atan2: return 5
        case .pow: return 6
        }
    }

    /// Only `^` groups from the right.
    public var isRightAssociative: Bool { self == .pow }

    public var isComparison: Bool { precedence == 3 }

    public var isSetOperator: Bool { precedence <= 2 }

    init?(token: TokenKind) {
        switch token {
        case .add: self = .add
        case .sub: self = .sub
        case .mul: self = .mul
        case .div: self = .div
        case .mod: self = .mod
        case .pow: self = .pow
        case .atan2: self = .atan2
        case .equalEqual: self = .equal
        case .notEqual: self = .notEqual
        case .lessEqual: self = .lessOrEqual
        case .less: self = .less
        case .greaterEqual: self = .greaterOrEqual
        case .greater: self = .greater
        case .and: self = .and
        case .or: self = .or
        case .unless: self = .unless
        default: return nil
        }
    }
}

/// The sign of a unary expression.
public enum UnaryOperator: String, Sendable, Hashable {
    case plus = "+", minus = "-"
}

/// The aggregation operators of PromQL 2.42.
public enum AggregationOperator: String, Sendable, Hashable, CaseIterable {
    case sum, avg, count, min, max, group, stddev, stdvar, topk, bottomk
    case countValues = "count_values"
    case quantile

    /// `topk`, `bottomk`, `quantile` and `count_values` take a parameter before the vector.
    public var takesParameter: Bool {
        switch self {
        case .topk, .bottomk, .quantile, .countValues: return true
        default: return false
        }
    }

    init?(token: TokenKind) {
        switch token {
        case .sum: self = .sum
        case .avg: self = .avg
        case .count: self = .count
        case .min: self = .min
        case .max: self = .max
        case .group: self = .group
        case .stddev: self = .stddev
        case .stdvar: self = .stdvar
        case .topk: self = .topk
        case .bottomk: self = .bottomk
        case .countValues: self = .countValues
        case .quantile: self = .quantile
        default: return nil
        }
    }
}
