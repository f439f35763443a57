import PromQL

/// The expression rewrites of Prometheus's runner: pinning with `@` and the check for
/// functions whose result depends on the evaluation time.
enum EvalRewriting {
    static let timeDependentFunctions: Set<String> = [
        "days_in_month", "day_of_month", "day_of_week", "day_of_year", "hour", "minute", "month", "year",
        "predict_linear", "time", "timestamp",
    ]

    /// Whether a time-dependent function is called outside every subquery.
    static func dependsOnEvaluationTime(_ expression: Expr) -> Bool {
        switch expression {
        case .subquery: return false
        case .call(let call) where timeDependentFunctions.contains(call.function.name): return true
        default: return expression.children.contains(where: dependsOnEvaluationTime)
        }
    }

    /// Every selector and subquery outside subqueries without a numeric `@` gets `@ time`.
    /// `@ start()`/`@ end()` are replaced too: Prometheus pins them the same way (they
    /// carry no timestamp in its tree), which is equivalent at the original time.
    static func pinned(_ expression: Expr, at time: Milliseconds) -> Expr {
        func pin(_ at: AtModifier?) -> AtModifier {
            if case .timestamp(let fixed)? = at { return .timestamp(fixed) }
            return .timestamp(time)
        }
        switch expression {
        case .number, .string: return expression
        case .vectorSelector(var selector):
            selector.at = pin(selector.at)
            return .vectorSelector(selector)
        case .matrixSelector(var matrix):
            matrix.selector.at = pin(matrix.selector.at)
            return .matrixSelector(matrix)
        case .subquery(var subquery):
            subquery.at = pin(subquery.at)
            return .subquery(subquery)
        case .call(var call):
            call.arguments = call.arguments.map { pinned($0, at: time) }
            return .call(call)
        case .aggregation(var aggregation):
            aggregation.expression = pinned(aggregation.expression, at: time)
            aggregation.parameter = aggregation.parameter.map { pinned($0, at: time) }
            return .aggregation(aggregation)
        case .binary(var binary):
            binary.lhs = pinned(binary.lhs, at: time)
            binary.rhs = pinned(binary.rhs, at: time)
            return .binary(binary)
        case .unary(var unary):
            unary.expression = pinned(unary.expression, at: time)
            return .unary(unary)
        case .paren(var paren):
            paren.expression = pinned(paren.expression, at: time)
            return .paren(paren)
        }
    }
}
