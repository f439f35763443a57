/// A parsed PromQL expression. Every node knows its source span and value type and prints
/// back as PromQL (`description`) that parses to the same tree.
public indirect enum Expr: Sendable, Equatable {
    case number(NumberLiteral)
    case string(StringLiteral)
    case vectorSelector(VectorSelector)
    case matrixSelector(MatrixSelector)
    case subquery(Subquery)
    case call(Call)
    case aggregation(Aggregation)
    case binary(BinaryExpr)
    case unary(UnaryExpr)
    case paren(ParenExpr)

    /// The byte range this expression covers in the query text.
    public var span: SourceRange {
        switch self {
        case .number(let node): return node.span
        case .string(let node): return node.span
        case .vectorSelector(let node): return node.span
        case .matrixSelector(let node): return node.span
        case .subquery(let node): return node.span
        case .call(let node): return node.span
        case .aggregation(let node): return node.span
        case .binary(let node): return node.span
        case .unary(let node): return node.span
        case .paren(let node): return node.span
        }
    }

    /// The value type this expression evaluates to (Prometheus's `Expr.Type()`).
    public var type: ValueType {
        switch self {
        case .number: return .scalar
        case .string: return .string
        case .vectorSelector, .aggregation: return .instantVector
        case .matrixSelector, .subquery: return .rangeVector
        case .call(let node): return node.function.returnType
        case .binary(let node):
            return node.lhs.type == .scalar && node.rhs.type == .scalar ? .scalar : .instantVector
        case .unary(let node): return node.expression.type
        case .paren(let node): return node.expression.type
        }
    }

    /// Direct subexpressions, in source order.
    public var children: [Expr] {
        switch self {
        case .number, .string, .vectorSelector, .matrixSelector: return []
        case .subquery(let node): return [node.expression]
        case .call(let node): return node.arguments
        case .aggregation(let node): return (node.parameter.map { [$0] } ?? []) + [node.expression]
        case .binary(let node): return [node.lhs, node.rhs]
        case .unary(let node): return [node.expression]
        case .paren(let node): return [node.expression]
        }
    }
}

/// Where an `@` modifier pins evaluation.
public enum AtModifier: Sendable, Hashable {
    /// `@ 1609746000` (stored in milliseconds).
    case timestamp(Milliseconds)
    /// `@ start()`: the start of the range query.
    case start
    /// `@ end()`: the end of the range query.
    case end
}

/// A number such as `1`, `0x1f`, `1e-3`, `Inf`; a minus written before it is folded in.
public struct NumberLiteral: Sendable, Equatable {
    public var value: Double
    public var span: SourceRange

    public init(value: Double, span: SourceRange) {
        self.value = value
        self.span = span
    }

    /// NaN literals are equal to each other, so trees containing `NaN` compare equal.
    public static func == (lhs: NumberLiteral, rhs: NumberLiteral) -> Bool {
        lhs.span == rhs.span && (lhs.value == rhs.value || (lhs.value.isNaN && rhs.value.isNaN))
    }
}

/// A quoted string (`"…"`, `'…'` or a back-quoted raw string), decoded.
public struct StringLiteral: Sendable, Equatable {
    /// The decoded string.
    public var value: String
    public var span: SourceRange

    public init(value: String, span: SourceRange) {
        self.value = value
        self.span = span
    }
}

/// `name{matchers} @ t offset d`. For range selectors the `@` and offset live here too.
public struct VectorSelector: Sendable, Equatable {
    /// The metric name written before the braces, if any.
    public var name: String?
    /// The matchers inside the braces, in source order (the name is not repeated here).
    public var matchers: [LabelMatcher]
    /// `offset` in milliseconds; negative for `offset -5m`, zero when absent.
    public var offset: Milliseconds
    public var at: AtModifier?
    public var span: SourceRange

    public init(name: String?, matchers: [LabelMatcher], offset: Milliseconds = 0, at: AtModifier? = nil,
                span: SourceRange) {
        self.name = name
        self.matchers = matchers
        self.offset = offset
        self.at = at
        self.span = span
    }

    /// All matchers the selector applies, including `__name__="name"`.
    public var allMatchers: [LabelMatcher] {
        guard let name else { return matchers }
        return matchers + [LabelMatcher(name: "__name__", type: .equal, value: name)]
    }
}

/// `selector[range]`.
public struct MatrixSelector: Sendable, Equatable {
    public var selector: VectorSelector
    public var range: Milliseconds
    public var span: SourceRange

    public init(selector: VectorSelector, range: Milliseconds, span: SourceRange) {
        self.selector = selector
        self.range = range
        self.span = span
    }
}

/// `expr[range:step] @ t offset d`; a `step` of zero means the default evaluation interval.
public struct Subquery: Sendable, Equatable {
    public var expression: Expr
    public var range: Milliseconds
    public var step: Milliseconds
    public var offset: Milliseconds
    public var at: AtModifier?
    public var span: SourceRange

    public init(expression: Expr, range: Milliseconds, step: Milliseconds, offset: Milliseconds = 0,
                at: AtModifier? = nil, span: SourceRange) {
        self.expression = expression
        self.range = range
        self.step = step
        self.offset = offset
        self.at = at
        self.span = span
    }
}

/// A function call such as `rate(x[5m])`.
public struct Call: Sendable, Equatable {
    public var function: FunctionSignature
    public var arguments: [Expr]
    public var span: SourceRange

    public init(function: FunctionSignature, arguments: [Expr], span: SourceRange) {
        self.function = function
        self.arguments = arguments
        self.span = span
    }
}

/// `sum by (job) (x)`, `topk(3, x)`, `count_values("v", x)`.
public struct Aggregation: Sendable, Equatable {
    public var op: AggregationOperator
    public var expression: Expr
    /// The first argument of `topk`, `bottomk`, `quantile` and `count_values`.
    public var parameter: Expr?
    /// Labels listed in `by (…)` or `without (…)`.
    public var grouping: [String]
    /// True for `without`, false for `by` or no clause.
    public var without: Bool
    public var span: SourceRange

    public init(op: AggregationOperator, expression: Expr, parameter: Expr?, grouping: [String], without: Bool,
                span: SourceRange) {
        self.op = op
        self.expression = expression
        self.parameter = parameter
        self.grouping = grouping
        self.without = without
        self.span = span
    }
}

/// `lhs op bool on(labels) group_left(labels) rhs`.
public struct BinaryExpr: Sendable, Equatable {
    public var op: BinaryOperator
    public var lhs: Expr
    public var rhs: Expr
    /// `bool` on a comparison: return 0/1 instead of filtering.
    public var returnBool: Bool
    /// `on`/`ignoring`/`group_*` as written; nil when the expression has none (or only an
    /// empty `ignoring ()`, which means the same).
    public var matching: VectorMatching?
    public var span: SourceRange

    public init(op: BinaryOperator, lhs: Expr, rhs: Expr, returnBool: Bool = false, matching: VectorMatching? = nil,
                span: SourceRange) {
        self.op = op
        self.lhs = lhs
        self.rhs = rhs
        self.returnBool = returnBool
        self.matching = matching
        self.span = span
    }
}

/// How the two sides of a vector binary operation are matched.
public struct VectorMatching: Sendable, Hashable {
    public enum Cardinality: Sendable, Hashable {
        case oneToOne, manyToOne, oneToMany, manyToMany
    }

    /// `manyToOne` for `group_left`, `oneToMany` for `group_right`, else `oneToOne`.
    public var cardinality: Cardinality
    /// Labels of `on (…)` or `ignoring (…)`.
    public var labels: [String]
    /// True for `on`, false for `ignoring`.
    public var on: Bool
    /// Extra labels of `group_left (…)` / `group_right (…)`.
    public var include: [String]

    public init(cardinality: Cardinality, labels: [String], on: Bool, include: [String]) {
        self.cardinality = cardinality
        self.labels = labels
        self.on = on
        self.include = include
    }
}

/// `-expr` or `+expr` (a minus directly before a number literal folds into the literal).
public struct UnaryExpr: Sendable, Equatable {
    public var op: UnaryOperator
    public var expression: Expr
    public var span: SourceRange

    public init(op: UnaryOperator, expression: Expr, span: SourceRange) {
        self.op = op
        self.expression = expression
        self.span = span
    }
}

/// `(expr)`, kept in the tree so printing reproduces the grouping.
public struct ParenExpr: Sendable, Equatable {
    public var expression: Expr
    public var span: SourceRange

    public init(expression: Expr, span: SourceRange) {
        self.expression = expression
        self.span = span
    }
}
