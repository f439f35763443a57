/// Prometheus 2.42's `checkAST`: rejects well-formed syntax that cannot be evaluated
/// (wrong argument types, set operators on scalars, `bool` misuse, empty selectors…) with
/// Prometheus's messages. Children are checked before their parent, so the first error
/// reported is the one Prometheus reports.
struct TypeChecker {
    let text: String

    func error(_ message: String, at range: SourceRange) -> ParseError {
        ParseError(message, at: range, in: text)
    }

    func check(_ expression: Expr) throws(ParseError) {
        switch expression {
        case .number, .string: return
        case .paren(let node): try check(node.expression)
        case .matrixSelector(let node): try check(.vectorSelector(node.selector))
        case .vectorSelector(let node): try checkSelector(node)
        case .aggregation(let node): try checkAggregation(node)
        case .binary(let node): try checkBinary(node)
        case .call(let node): try checkCall(node)
        case .unary(let node):
            try check(node.expression)
            let type = node.expression.type
            if type != .scalar && type != .instantVector {
                let message = "unary expression only allowed on expressions of type scalar or instant vector, got "
                throw error(message + GoQuoting.quote(type.documentedName), at: node.span)
            }
        case .subquery(let node):
            try check(node.expression)
            let type = node.expression.type
            if type != .instantVector {
                throw error("subquery is only allowed on instant vector, got \(type.rawValue) instead", at: node.span)
            }
        }
    }

    func expect(_ expression: Expr, _ wanted: ValueType, in context: @autoclosure () -> String) throws(ParseError) {
        try check(expression)
        let type = expression.type
        if type != wanted {
            throw error("expected type \(wanted.documentedName) in \(context()), got \(type.documentedName)",
                        at: expression.span)
        }
    }

    func checkSelector(_ node: VectorSelector) throws(ParseError) {
        if let name = node.name {
            if let twice = node.matchers.first(where: { $0.name == "__name__" }) {
                let names = "\(GoQuoting.quote(name)) or \(GoQuoting.quote(twice.value))"
                throw error("metric name must not be set twice: " + names, at: node.span)
            }
            return
        }
        let hasNonEmptyMatcher = node.matchers.contains { matcher in
            switch matcher.type {
            case .equal: return !matcher.value.isEmpty
            case .notEqual: return matcher.value.isEmpty
            case .regexMatch: return !RegexCheck.matchesEmpty(matcher.value)
            case .regexNoMatch: return RegexCheck.matchesEmpty(matcher.value)
            }
        }
        if !hasNonEmptyMatcher {
            throw error("vector selector must contain at least one non-empty matcher", at: node.span)
        }
    }

    func checkAggregation(_ node: Aggregation) throws(ParseError) {
        try expect(node.expression, .instantVector, in: "aggregation expression")
        guard let parameter = node.parameter else { return }
        switch node.op {
        case .topk, .bottomk, .quantile: try expect(parameter, .scalar, in: "aggregation parameter")
        case .countValues: try expect(parameter, .string, in: "aggregation parameter")
        default: return
        }
    }

    func checkBinary(_ node: BinaryExpr) throws(ParseError) {
        try check(node.lhs)
        try check(node.rhs)
        let lhsType = node.lhs.type
        let rhsType = node.rhs.type
        if node.returnBool && !node.op.isComparison {
            throw error("bool modifier can only be used on comparison operators", at: operatorRange(node))
        }
        if node.op.isComparison && !node.returnBool && lhsType == .scalar && rhsType == .scalar {
            throw error("comparisons between scalars must use BOOL modifier", at: operatorRange(node))
        }
        if let matching = node.matching, matching.on {
            for label in matching.labels where matching.include.contains(label) {
                throw error("label \(GoQuoting.quote(label)) must not occur in ON and GROUP clause at once",
                            at: operatorRange(node))
            }
        }
        if lhsType != .scalar && lhsType != .instantVector {
            throw error("binary expression must contain only scalar and instant vector types", at: node.lhs.span)
        }
        if rhsType != .scalar && rhsType != .instantVector {
            throw error("binary expression must contain only scalar and instant vector types", at: node.rhs.span)
        }
        if lhsType != .instantVector || rhsType != .instantVector {
            if let matching = node.matching, !matching.labels.isEmpty {
                throw error("vector matching only allowed between instant vectors", at: node.span)
            }
        } else if node.op.isSetOperator, let matching = node.matching,
                  matching.cardinality == .manyToOne || matching.cardinality == .oneToMany {
            throw error("no grouping allowed for \(GoQuoting.quote(node.op.rawValue)) operation", at: node.span)
        }
        if (lhsType == .scalar || rhsType == .scalar) && node.op.isSetOperator {
            throw error("set operator \(GoQuoting.quote(node.op.rawValue)) not allowed in binary scalar expression",
                        at: node.span)
        }
    }

    /// The operator and its modifiers: from the first non-space after the left operand.
    func operatorRange(_ node: BinaryExpr) -> SourceRange {
        let bytes = Array(text.utf8)
        var start = node.lhs.span.end
        while start < bytes.count, Lexer.isSpace(bytes[start]) {
            start += 1
        }
        return SourceRange(start: start, end: max(start, node.rhs.span.start))
    }

    func checkCall(_ node: Call) throws(ParseError) {
        let function = node.function
        let declared = function.argumentTypes.count
        let given = node.arguments.count
        var name: String { GoQuoting.quote(function.name) }  // only needed for messages
        if function.variadic == 0 {
            if declared != given {
                throw error("expected \(declared) argument(s) in call to \(name), got \(given)", at: node.span)
            }
        } else {
            let required = declared - 1
            if required > given {
                throw error("expected at least \(required) argument(s) in call to \(name), got \(given)", at: node.span)
            }
            let most = required + function.variadic
            if function.variadic > 0 && most < given {
                throw error("expected at most \(most) argument(s) in call to \(name), got \(given)", at: node.span)
            }
        }
        for (position, argument) in node.arguments.enumerated() {
            let typeIndex = min(position, declared - 1)
            guard typeIndex >= 0 else { break }
            try expect(argument, function.argumentTypes[typeIndex], in: "call to function \(name)")
        }
    }
}
