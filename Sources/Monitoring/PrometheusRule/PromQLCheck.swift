import PromQL

/// Checks PromQL the way rule loading does: it must parse, type-check, and (for a rule)
/// yield an instant vector or a scalar.
public enum PromQLCheck {
    /// What is wrong with `expression` as a rule expression, or nil when it is fine.
    /// Messages carry the parser's `line:column` (`1:16: parse error: unclosed left parenthesis`).
    public static func problem(in expression: String) -> Problem? {
        let parsed: Expr
        do {
            parsed = try Parser.parse(expression)
        } catch {
            return Problem(reason: .invalidExpression, message: error.description)
        }
        switch parsed.type {
        case .instantVector, .scalar:
            return nil
        case .rangeVector, .string:
            return Problem(reason: .invalidExpressionType,
                           message: "expression must evaluate to an instant vector or a scalar, "
                               + "got \(parsed.type.documentedName)")
        }
    }

    /// The message for `expression`, or nil; fits `SLOGenerationOptions.expressionChecker`.
    @Sendable public static func message(for expression: String) -> String? {
        problem(in: expression)?.message
    }

    /// A rejected expression.
    public struct Problem: Sendable, Equatable {
        public var reason: RuleIssue.Reason
        public var message: String
    }
}
