/// A query that could not be parsed or failed the type check. Renders like Prometheus 2.42:
/// `1:5: parse error: expected type range vector in call to function "rate", got instant vector`.
public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the problem is, in UTF-8 byte offsets of the query.
    public var range: SourceRange
    /// Line and column of `range.start`.
    public var location: SourceLocation
    /// Prometheus's wording, without position or prefix.
    public var message: String

    public init(range: SourceRange, location: SourceLocation, message: String) {
        self.range = range
        self.location = location
        self.message = message
    }

    init(_ message: String, at range: SourceRange, in text: String) {
        self.init(range: range, location: SourceLocation(offset: range.start, in: text), message: message)
    }

    public var description: String { "\(location): parse error: \(message)" }
}
