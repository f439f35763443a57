/// The kinds of token the PromQL lexer produces (Prometheus's `ItemType`).
public enum TokenKind: Sendable, Hashable {
    case endOfInput
    case identifier        // `rate`, `job`
    case metricIdentifier  // an identifier containing `:`
    case number            // `1`, `0x1f`, `.5`, `Inf`
    case string            // quoted, escapes still in place
    case duration          // `5m`, `1h30m`
    case leftParen, rightParen, leftBrace, rightBrace, leftBracket, rightBracket
    case comma, colon, at, assign
    // Operators.
    case add, sub, mul, div, mod, pow, atan2
    case equalEqual, notEqual, lessEqual, less, greaterEqual, greater
    case regexMatch, regexNoMatch
    case and, or, unless
    // Aggregators.
    case sum, avg, count, min, max, group, stddev, stdvar, topk, bottomk, countValues, quantile
    // Keywords.
    case offset, by, without, on, ignoring, groupLeft, groupRight, bool
    // `@` preprocessors.
    case start, end
    /// A lexing failure; the token's text is the message. Reported when the parser reaches it.
    case error

    /// Keywords, matched case-insensitively; `inf` and `nan` lex as numbers.
    static let keywords: [String: TokenKind] = [
        "and": .and, "or": .or, "unless": .unless, "atan2": .atan2,
        "sum": .sum, "avg": .avg, "count": .count, "min": .min, "max": .max, "group": .group,
        "stddev": .stddev, "stdvar": .stdvar, "topk": .topk, "bottomk": .bottomk,
        "count_values": .countValues, "quantile": .quantile,
        "offset": .offset, "by": .by, "without": .without, "on": .on, "ignoring": .ignoring,
        "group_left": .groupLeft, "group_right": .groupRight, "bool": .bool,
        "start": .start, "end": .end, "inf": .number, "nan": .number,
    ]

    var isAggregator: Bool {
        switch self {
        case .sum, .avg, .count, .min, .max, .group, .stddev, .stdvar, .topk, .bottomk, .countValues, .quantile:
            return true
        default:
            return false
        }
    }

    var isOperator: Bool {
        switch self {
        case .add, .sub, .mul, .div, .mod, .pow, .atan2, .equalEqual, .notEqual, .lessEqual, .less,
             .greaterEqual, .greater, .regexMatch, .regexNoMatch, .and, .or, .unless, .at:
            return true
        default:
            return false
        }
    }

    var isKeyword: Bool {
        switch self {
        case .offset, .by, .without, .on, .ignoring, .groupLeft, .groupRight, .bool: return true
        default: return false
        }
    }

    /// Tokens that may name a metric (Prometheus's `metric_identifier` rule).
    var canBeMetricName: Bool {
        switch self {
        case .identifier, .metricIdentifier, .avg, .bottomk, .by, .count, .countValues, .group, .and, .or,
             .unless, .max, .min, .offset, .quantile, .stddev, .stdvar, .sum, .topk, .without, .start, .end:
            return true
        default:
            return false
        }
    }

    /// Tokens that may name a label in grouping lists (Prometheus's `maybe_label` rule).
    var canBeLabelName: Bool {
        switch self {
        case .bool, .groupLeft, .groupRight, .ignoring, .on, .atan2: return true
        default: return canBeMetricName
        }
    }

    /// Prometheus's name for token kinds without fixed text, used in "unexpected …" messages.
    fileprivate var kindName: String? {
        switch self {
        case .endOfInput: return "end of input"
        case .identifier: return "identifier"
        case .metricIdentifier: return "metric identifier"
        case .number: return "number"
        case .string: return "string"
        case .duration: return "duration"
        case .error: return "error"
        default: return nil
        }
    }
}

/// One lexed token with its byte range and source text.
public struct Token: Sendable, Hashable {
    public var kind: TokenKind
    public var range: SourceRange
    /// The source text (for `.error`, the lexer's message).
    public var text: String

    public init(kind: TokenKind, range: SourceRange, text: String) {
        self.kind = kind
        self.range = range
        self.text = text
    }

    /// How Prometheus names this token in "unexpected …" messages, e.g. `<op:+>`,
    /// `<aggr:sum>`, `<by>`, `"("`, `identifier "foo"`, `end of input`.
    var errorDescription: String {
        if kind == .endOfInput { return "end of input" }
        // Prometheus 2.42 has no display name for `@` and prints its raw yacc token number.
        if kind == .at { return "\"<Item 57385>\" <op:@>" }
        if kind.isOperator { return "<op:\(text)>" }
        if kind.isAggregator { return "<aggr:\(text)>" }
        if kind.isKeyword { return "<\(text)>" }
        guard let name = kind.kindName else { return GoQuoting.quote(text) }
        if kind == .identifier || kind == .metricIdentifier { return "\(name) \(GoQuoting.quote(text))" }
        if text.unicodeScalars.count > 10 {
            return "\(name) \(GoQuoting.quote(String(String.UnicodeScalarView(text.unicodeScalars.prefix(10)))))..."
        }
        return "\(name) \(GoQuoting.quote(text))"
    }
}
