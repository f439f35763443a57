/// Lone series selectors, as the HTTP API reads its `match[]` parameters.
extension Parser {
    /// Parses exactly one series selector (`up`, `up{job="api"}`, `{__name__=~"http_.*"}`)
    /// and returns its matchers, the metric name as a `__name__` matcher. Like Prometheus's
    /// `ParseMetricSelector` it accepts nothing else (no operators, functions or modifiers)
    /// and does not type-check, so `{job=""}` is accepted here and callers decide whether a
    /// selector matching everything is allowed.
    public static func parseMetricSelector(_ text: String) throws(ParseError) -> [LabelMatcher] {
        var parser = Parser(text, maximumDepth: defaultMaximumDepth)
        let token = parser.peek
        let selector: VectorSelector
        if token.kind == .endOfInput {
            throw ParseError("no expression found in input", at: SourceRange(start: 0, end: 0), in: text)
        } else if token.kind == .leftBrace {
            selector = try parser.parseVectorSelector(name: nil)
        } else if token.kind.canBeMetricName {
            _ = parser.advance()
            selector = try parser.parseVectorSelector(name: token)
        } else {
            throw parser.unexpected()
        }
        if parser.peek.kind != .endOfInput {
            throw parser.unexpected()
        }
        return selector.allMatchers
    }
}
