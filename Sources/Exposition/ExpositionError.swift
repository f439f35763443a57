/// Why an exposition could not be parsed, and where.
///
/// A parse error fails the whole exposition, as it does in Prometheus. `line` and `column`
/// are 1-based; `column` counts bytes from the start of the line. The `description` reads
/// `line 4, column 12: expected label value, got "1}"` and is fit for a target's status.
public struct ExpositionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The 1-based line number.
    public var line: Int
    /// The 1-based byte column within the line.
    public var column: Int
    /// What was wrong, saying what was expected when that is known.
    public var message: String

    /// Creates an error.
    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "line \(line), column \(column): \(message)" }
}
