/// Vector selectors, label matchers and the postfix modifiers `[…]`, `offset` and `@`.
extension Parser {
    /// A primary expression followed by any number of `[range]`, `[range:step]`, `offset`
    /// and `@` modifiers, which bind tighter than every operator.
    mutating func parsePostfix() throws(ParseError) -> Expr {
        var expression = try parsePrimary()
        while true {
            switch peek.kind {
            case .leftBracket: expression = try parseBracket(after: expression)
            case .offset: expression = try parseOffset(after: expression)
            case .at: expression = try parseAt(after: expression)
            default: return expression
            }
        }
    }

    mutating func parseVectorSelector(name nameToken: Token?) throws(ParseError) -> VectorSelector {
        var span = nameToken?.range ?? peek.range
        var matchers: [LabelMatcher] = []
        if peek.kind == .leftBrace {
            _ = advance()
            while peek.kind != .rightBrace {
                matchers.append(try parseMatcher())
                if peek.kind == .comma {
                    _ = advance()
                } else if peek.kind != .rightBrace {
                    throw unexpected(in: "label matching", expected: "\",\" or \"}\"")
                }
            }
            span = span.merged(with: advance().range)
        }
        return VectorSelector(name: nameToken?.text, matchers: matchers, span: span)
    }

    mutating func parseMatcher() throws(ParseError) -> LabelMatcher {
        guard peek.kind == .identifier else {
            throw unexpected(in: "label matching", expected: "identifier or \"}\"")
        }
        let label = advance()
        let type: LabelMatcher.MatchType
        switch peek.kind {
        case .assign: type = .equal
        case .notEqual: type = .notEqual
        case .regexMatch: type = .regexMatch
        case .regexNoMatch: type = .regexNoMatch
        default: throw unexpected(in: "label matching", expected: "label matching operator")
        }
        _ = advance()
        let value = try expect(.string, in: "label matching", expected: "string")
        let matcher = LabelMatcher(name: label.text, type: type, value: StringDecoding.decode(value.text))
        if type == .regexMatch || type == .regexNoMatch, let problem = RegexCheck.problem(in: matcher.value) {
            throw error("error parsing regexp: \(problem)", at: label.range.merged(with: value.range))
        }
        return matcher
    }

    /// `[range]` (range selector) or `[range:step]` (subquery).
    mutating func parseBracket(after expression: Expr) throws(ParseError) -> Expr {
        let open = advance()
        let rangeToken = try expect(.duration, in: "subquery selector", expected: "duration")
        let range = try parseDuration(rangeToken)
        if peek.kind == .rightBracket {
            let close = advance()
            let bracketSpan = open.range.merged(with: close.range)
            guard case .vectorSelector(let selector) = expression else {
                throw error("ranges only allowed for vector selectors", at: bracketSpan)
            }
            if selector.offset != 0 { throw error("no offset modifiers allowed before range", at: bracketSpan) }
            if case .timestamp = selector.at { throw error("no @ modifiers allowed before range", at: bracketSpan) }
            return .matrixSelector(MatrixSelector(selector: selector, range: range,
                                                  span: selector.span.merged(with: close.range)))
        }
        guard peek.kind == .colon else { throw unexpected(in: "subquery or range", expected: "\":\" or \"]\"") }
        _ = advance()
        var step: Milliseconds = 0
        if peek.kind == .duration {
            step = try parseDuration(advance())
            guard peek.kind == .rightBracket else { throw unexpected(in: "subquery selector", expected: "\"]\"") }
        }
        guard peek.kind == .rightBracket else {
            throw unexpected(in: "subquery selector", expected: "duration or \"]\"")
        }
        let close = advance()
        return .subquery(Subquery(expression: expression, range: range, step: step,
                                  span: expression.span.merged(with: close.range)))
    }

    mutating func parseOffset(after expression: Expr) throws(ParseError) -> Expr {
        _ = advance()
        let negative = peek.kind == .sub
        if negative { _ = advance() }
        guard peek.kind == .duration else { throw unexpected(in: "offset", expected: "duration") }
        let durationToken = advance()
        let amount = try parseDuration(durationToken) * (negative ? -1 : 1)
        let modifierEnd = durationToken.range
        let misplaced = "offset modifier must be preceded by an instant vector selector or range vector selector"
            + " or a subquery"
        switch expression {
        case .vectorSelector(var selector):
            if selector.offset != 0 { throw multipleOffsets(expression) }
            selector.offset = amount
            selector.span = selector.span.merged(with: modifierEnd)
            return .vectorSelector(selector)
        case .matrixSelector(var matrix):
            if matrix.selector.offset != 0 { throw multipleOffsets(expression) }
            matrix.selector.offset = amount
            matrix.span = matrix.span.merged(with: modifierEnd)
            return .matrixSelector(matrix)
        case .subquery(var subquery):
            if subquery.offset != 0 { throw multipleOffsets(expression) }
            subquery.offset = amount
            subquery.span = subquery.span.merged(with: modifierEnd)
            return .subquery(subquery)
        default:
            throw error(misplaced, at: expression.span)
        }
    }

    func multipleOffsets(_ expression: Expr) -> ParseError {
        error("offset may not be set multiple times", at: expression.span)
    }

    mutating func parseAt(after expression: Expr) throws(ParseError) -> Expr {
        _ = advance()
        let modifier: AtModifier
        let modifierEnd: SourceRange
        switch peek.kind {
        case .start, .end:
            let keyword = advance()
            _ = try expect(.leftParen, in: "@", expected: "timestamp")
            modifierEnd = try expect(.rightParen, in: "@", expected: "timestamp").range
            modifier = keyword.kind == .start ? .start : .end
        case .add, .sub, .number:
            let first = advance()
            let numberToken = first.kind == .number ? first : try expect(.number, in: "@", expected: "timestamp")
            let sign: Double = first.kind == .sub ? -1 : 1
            modifierEnd = numberToken.range
            let seconds = try parseNumber(numberToken) * sign
            if !seconds.isFinite || seconds >= 9.223372036854775807e18 || seconds <= -9.223372036854775807e18 {
                throw error("timestamp out of bounds for @ modifier: \(GoFloatFormat.fixed(seconds))",
                            at: expression.span)
            }
            modifier = .timestamp(Self.milliseconds(fromSeconds: seconds))
        default:
            throw unexpected(in: "@", expected: "timestamp")
        }
        let misplaced = "@ modifier must be preceded by an instant vector selector or range vector selector"
            + " or a subquery"
        let twice = "@ <timestamp> may not be set multiple times"
        switch expression {
        case .vectorSelector(var selector):
            if selector.at != nil { throw error(twice, at: expression.span) }
            selector.at = modifier
            selector.span = selector.span.merged(with: modifierEnd)
            return .vectorSelector(selector)
        case .matrixSelector(var matrix):
            if matrix.selector.at != nil { throw error(twice, at: expression.span) }
            matrix.selector.at = modifier
            matrix.span = matrix.span.merged(with: modifierEnd)
            return .matrixSelector(matrix)
        case .subquery(var subquery):
            if subquery.at != nil { throw error(twice, at: expression.span) }
            subquery.at = modifier
            subquery.span = subquery.span.merged(with: modifierEnd)
            return .subquery(subquery)
        default:
            throw error(misplaced, at: expression.span)
        }
    }
}

extension Parser {
    /// Seconds to milliseconds, rounded half away from zero, saturating instead of trapping
    /// for timestamps beyond what milliseconds in an Int64 can hold.
    static func milliseconds(fromSeconds seconds: Double) -> Milliseconds {
        let value = seconds * 1000
        if value >= 9.223372036854775807e18 { return .max }
        if value <= -9.223372036854775807e18 { return .min }
        // Round half away from zero without libm, which this module does not link.
        let truncated = Milliseconds(value)
        let fraction = value - Double(truncated)
        if fraction >= 0.5 { return truncated + 1 }
        if fraction <= -0.5 { return truncated - 1 }
        return truncated
    }
}
