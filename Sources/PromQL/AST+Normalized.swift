/// Comparing trees regardless of layout: positions cleared, matchers in printing order.
extension Expr {
    /// This tree with every span set to `.none` and matchers sorted as they print, so that
    /// `parse(print(e)).normalized == e.normalized` holds for every parsed `e`.
    public var normalized: Expr {
        switch self {
        case .number(var node):
            node.span = .none
            return .number(node)
        case .string(var node):
            node.span = .none
            return .string(node)
        case .vectorSelector(let node):
            return .vectorSelector(node.normalized)
        case .matrixSelector(var node):
            node.selector = node.selector.normalized
            node.span = .none
            return .matrixSelector(node)
        case .subquery(var node):
            node.expression = node.expression.normalized
            node.span = .none
            return .subquery(node)
        case .call(var node):
            node.arguments = node.arguments.map(\.normalized)
            node.span = .none
            return .call(node)
        case .aggregation(var node):
            node.expression = node.expression.normalized
            node.parameter = node.parameter?.normalized
            node.span = .none
            return .aggregation(node)
        case .binary(var node):
            node.lhs = node.lhs.normalized
            node.rhs = node.rhs.normalized
            node.span = .none
            return .binary(node)
        case .unary(var node):
            node.expression = node.expression.normalized
            node.span = .none
            return .unary(node)
        case .paren(var node):
            node.expression = node.expression.normalized
            node.span = .none
            return .paren(node)
        }
    }
}

extension VectorSelector {
    var normalized: VectorSelector {
        var copy = self
        copy.matchers.sort { $0.description < $1.description }
        copy.span = .none
        return copy
    }
}
