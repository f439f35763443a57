/// Parses PromQL into an `Expr` and type-checks it, reporting errors the way Prometheus 2.42
/// does (same wording, same `line:column`). Hand-written precedence climbing over the
/// token list from `Lexer`.
///
/// ```swift
/// let expr = try Parser.parse("sum by (job) (rate(http_requests_total[5m]))")
/// print(expr)   // sum by (job) (rate(http_requests_total[5m]))
/// ```
public struct Parser {
    /// Deepest nesting accepted; deeper input is rejected rather than risking the stack.
    public static let defaultMaximumDepth = 256

    let text: String
    let tokens: [Token]
    var index = 0
    var depth = 0
    /// How many aggregations enclose the current position. Prometheus's grammar recovers
    /// from any syntax error inside one at its `aggregate_op error` rule, so messages
    /// without a more specific context say "in aggregation".
    var aggregationDepth = 0
    let maximumDepth: Int

    init(_ text: String, maximumDepth: Int) {
        self.text = text
        self.tokens = Lexer.tokenize(text)
        self.maximumDepth = maximumDepth
    }

    /// Parses and type-checks `text`. Errors carry Prometheus's message and position.
    public static func parse(_ text: String, maximumDepth: Int = defaultMaximumDepth) throws(ParseError) -> Expr {
        let expression = try parseSyntax(text, maximumDepth: maximumDepth)
        try TypeChecker(text: text).check(expression)
        return expression
    }

    /// Parses without the type check (for tools that want to show a tree with type errors).
    public static func parseSyntax(_ text: String, maximumDepth: Int = defaultMaximumDepth) throws(ParseError) -> Expr {
        var parser = Parser(text, maximumDepth: maximumDepth)
        if parser.peek.kind == .endOfInput {
            throw ParseError("no expression found in input", at: SourceRange(start: 0, end: 0), in: text)
        }
        let expression = try parser.parseExpression(minimumPrecedence: 1)
        if parser.peek.kind != .endOfInput {
            throw parser.unexpected()
        }
        try parser.checkDepth(of: expression)
        return expression
    }

    // MARK: Tokens

    var peek: Token { tokens[min(index, tokens.count - 1)] }

    var peekNext: Token { tokens[min(index + 1, tokens.count - 1)] }

    mutating func advance() -> Token {
        let token = peek
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    func error(_ message: String, at range: SourceRange) -> ParseError {
        ParseError(message, at: range, in: text)
    }

    /// Prometheus's `unexpected X [in context][, expected Y]`, or the lexer's own message
    /// when the offending token is a lexing error.
    func unexpected(in context: String? = nil, expected: String? = nil) -> ParseError {
        let token = peek
        if token.kind == .error { return error(token.text, at: token.range) }
        var message = "unexpected \(token.errorDescription)"
        if let context = context ?? (aggregationDepth > 0 ? "aggregation" : nil) { message += " in \(context)" }
        if let expected { message += ", expected \(expected)" }
        return error(message, at: token.range)
    }

    mutating func expect(_ kind: TokenKind, in context: String? = nil, expected: String? = nil) throws(ParseError)
        -> Token {
        guard peek.kind == kind else { throw unexpected(in: context, expected: expected) }
        return advance()
    }

    // MARK: Expressions

    mutating func parseExpression(minimumPrecedence: Int) throws(ParseError) -> Expr {
        depth += 1
        defer { depth -= 1 }
        if depth > maximumDepth {
            throw error("expression nesting exceeds the maximum depth of \(maximumDepth)", at: peek.range)
        }
        var lhs = try parseUnary()
        while let op = BinaryOperator(token: peek.kind), op.precedence >= minimumPrecedence {
            _ = advance()
            let (returnBool, matching) = try parseBinaryModifiers()
            let next = op.isRightAssociative ? op.precedence : op.precedence + 1
            let rhs = try parseExpression(minimumPrecedence: next)
            lhs = .binary(BinaryExpr(op: op, lhs: lhs, rhs: rhs, returnBool: returnBool, matching: matching,
                                     span: lhs.span.merged(with: rhs.span)))
        }
        return lhs
    }

    /// `bool`, `on (…)`/`ignoring (…)`, `group_left (…)`/`group_right (…)`.
    mutating func parseBinaryModifiers() throws(ParseError) -> (Bool, VectorMatching?) {
        let returnBool = peek.kind == .bool
        if returnBool { _ = advance() }
        guard peek.kind == .on || peek.kind == .ignoring else { return (returnBool, nil) }
        let on = advance().kind == .on
        let labels = try parseGroupingLabels()
        var matching = VectorMatching(cardinality: .oneToOne, labels: labels, on: on, include: [])
        if peek.kind == .groupLeft || peek.kind == .groupRight {
            matching.cardinality = advance().kind == .groupLeft ? .manyToOne : .oneToMany
            if peek.kind == .leftParen {
                matching.include = try parseGroupingLabels()
            }
        }
        // A bare `ignoring ()` matches like no modifier at all; keep one form so trees compare.
        if !matching.on && matching.labels.isEmpty && matching.cardinality == .oneToOne {
            return (returnBool, nil)
        }
        return (returnBool, matching)
    }

    /// Unary `+`/`-` bind looser than `^` and the postfix modifiers, tighter than `*`.
    mutating func parseUnary() throws(ParseError) -> Expr {
        guard peek.kind == .add || peek.kind == .sub else { return try parsePostfix() }
        let opToken = advance()
        let operand = try parseExpression(minimumPrecedence: BinaryOperator.pow.precedence)
        let span = opToken.range.merged(with: operand.span)
        if case .number(var literal) = operand {
            // Prometheus folds `-1` into a negative literal.
            if opToken.kind == .sub { literal.value = -literal.value }
            literal.span = span
            return .number(literal)
        }
        return .unary(UnaryExpr(op: opToken.kind == .sub ? .minus : .plus, expression: operand, span: span))
    }

    mutating func parsePrimary() throws(ParseError) -> Expr {
        let token = peek
        switch token.kind {
        case .number:
            _ = advance()
            return .number(NumberLiteral(value: try parseNumber(token), span: token.range))
        case .string:
            _ = advance()
            return .string(StringLiteral(value: StringDecoding.decode(token.text), span: token.range))
        case .leftParen:
            _ = advance()
            let inner = try parseExpression(minimumPrecedence: 1)
            let close = try expect(.rightParen)
            return .paren(ParenExpr(expression: inner, span: token.range.merged(with: close.range)))
        case .leftBrace:
            return .vectorSelector(try parseVectorSelector(name: nil))
        case .identifier where peekNext.kind == .leftParen:
            return try parseCall()
        case _ where token.kind.isAggregator && [.leftParen, .by, .without].contains(peekNext.kind):
            return try parseAggregation()
        case _ where token.kind.canBeMetricName:
            _ = advance()
            return .vectorSelector(try parseVectorSelector(name: token))
        default:
            throw unexpected()
        }
    }

    mutating func parseCall() throws(ParseError) -> Expr {
        let nameToken = advance()
        let (arguments, close) = try parseArguments()
        guard let function = FunctionSignature.named(nameToken.text) else {
            throw error("unknown function with name \(GoQuoting.quote(nameToken.text))", at: nameToken.range)
        }
        return .call(Call(function: function, arguments: arguments, span: nameToken.range.merged(with: close.range)))
    }

    /// `( expr, expr, … )` of a call or aggregation.
    mutating func parseArguments() throws(ParseError) -> ([Expr], Token) {
        _ = try expect(.leftParen)
        var arguments: [Expr] = []
        if peek.kind == .rightParen { return (arguments, advance()) }
        while true {
            arguments.append(try parseExpression(minimumPrecedence: 1))
            guard peek.kind == .comma else { break }
            let comma = advance()
            // Prometheus's parser reduces `args ,` before looking further, so anything that
            // cannot start an expression is reported as a trailing comma.
            if peek.kind == .error { throw unexpected() }
            if !Self.startsExpression(peek.kind) {
                throw error("trailing commas not allowed in function call args", at: comma.range)
            }
        }
        return (arguments, try expect(.rightParen))
    }

    mutating func parseAggregation() throws(ParseError) -> Expr {
        let opToken = advance()
        aggregationDepth += 1
        defer { aggregationDepth -= 1 }
        guard let op = AggregationOperator(token: opToken.kind) else { throw unexpected() }
        var grouping: [String] = []
        var without = false
        var hasModifier = false
        if peek.kind == .by || peek.kind == .without {
            without = advance().kind == .without
            grouping = try parseGroupingLabels()
            hasModifier = true
        }
        guard peek.kind == .leftParen else { throw unexpected(in: "aggregation") }
        var (arguments, close) = try parseArguments()
        var end = close.range
        if !hasModifier, peek.kind == .by || peek.kind == .without {
            without = advance().kind == .without
            grouping = try parseGroupingLabels()
            end = tokens[index - 1].range
        }
        let span = opToken.range.merged(with: end)
        if arguments.isEmpty { throw error("no arguments for aggregate expression provided", at: span) }
        let wanted = op.takesParameter ? 2 : 1
        if arguments.count != wanted {
            let message = "wrong number of arguments for aggregate expression provided, expected \(wanted), got "
            throw error(message + "\(arguments.count)", at: span)
        }
        let expression = arguments.removeLast()
        return .aggregation(Aggregation(op: op, expression: expression, parameter: arguments.first,
                                        grouping: grouping, without: without, span: span))
    }

    /// `( label, label, … )` after `by`, `without`, `on`, `ignoring`, `group_left`, `group_right`.
    mutating func parseGroupingLabels() throws(ParseError) -> [String] {
        _ = try expect(.leftParen, in: "grouping opts", expected: "\"(\"")
        var labels: [String] = []
        while peek.kind != .rightParen {
            let token = peek
            guard token.kind.canBeLabelName, Self.isLabelName(token.text) else {
                throw unexpected(in: "grouping opts", expected: "label")
            }
            labels.append(advance().text)
            if peek.kind == .comma {
                _ = advance()
            } else if peek.kind != .rightParen {
                throw unexpected(in: "grouping opts", expected: "\",\" or \")\"")
            }
        }
        _ = advance()
        return labels
    }

    static func startsExpression(_ kind: TokenKind) -> Bool {
        switch kind {
        case .number, .string, .leftParen, .leftBrace, .add, .sub: return true
        default: return kind.canBeMetricName || kind.isAggregator
        }
    }

    static func isLabelName(_ text: String) -> Bool {
        guard let first = text.utf8.first, Lexer.isAlpha(first) else { return false }
        return text.utf8.allSatisfy(Lexer.isAlphaNumeric)
    }
}
