/// Traversal, like Prometheus's `parser.Inspect`.
extension Expr {
    /// Visits this expression and its subexpressions, parents before children, in source
    /// order. `path` lists the ancestors of the visited node, outermost first. Returning
    /// false from `visit` skips that node's children (e.g. to stop at subqueries).
    ///
    /// ```swift
    /// var names: [String] = []
    /// expr.inspect { node, _ in
    ///     if case .vectorSelector(let selector) = node, let name = selector.name { names.append(name) }
    ///     return true
    /// }
    /// ```
    public func inspect(_ visit: (_ node: Expr, _ path: [Expr]) -> Bool) {
        var path: [Expr] = []
        inspect(visit, path: &path)
    }

    private func inspect(_ visit: (Expr, [Expr]) -> Bool, path: inout [Expr]) {
        guard visit(self, path) else { return }
        if case .matrixSelector(let matrix) = self {
            // The selector inside a range selector is a node of its own, as in Prometheus.
            path.append(self)
            Expr.vectorSelector(matrix.selector).inspect(visit, path: &path)
            path.removeLast()
            return
        }
        path.append(self)
        for child in children {
            child.inspect(visit, path: &path)
        }
        path.removeLast()
    }
}
