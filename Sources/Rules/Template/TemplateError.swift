/// Why a template could not be parsed or expanded, with the 1-based line and column
/// (in characters) of the offending spot.
///
/// `description` reads like Go's `text/template` (`template: NAME:LINE:COL: message`), the
/// text Prometheus puts into a failed alert annotation and promtool prints.
public struct TemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Whether the template failed to parse (checked before any evaluation) or failed
    /// while expanding (a function returned an error, a field did not exist, ...).
    public enum Phase: Sendable, Hashable {
        case parse
        case execution
    }

    /// The phase in which the error arose.
    public var phase: Phase
    /// 1-based line of the error in the template text.
    public var line: Int
    /// 1-based column (in characters) of the error in its line.
    public var column: Int
    /// What went wrong, e.g. `function "humanise" not defined`.
    public var message: String
    /// The template's name (Prometheus uses `__alert_<alertname>`); may be empty.
    public var name: String

    public init(phase: Phase, line: Int, column: Int, message: String, name: String = "") {
        self.phase = phase
        self.line = line
        self.column = column
        self.message = message
        self.name = name
    }

    public var description: String {
        // Go prints only the line for parse errors, line and column while executing.
        let place = phase == .parse ? "\(line)" : "\(line):\(column)"
        return "template: \(name):\(place): \(message)"
    }
}

/// A position in template text: a character offset plus its line and column.
public struct TemplatePosition: Sendable, Hashable {
    /// Offset in characters from the start of the text.
    public var offset: Int
    /// 1-based line.
    public var line: Int
    /// 1-based column in characters.
    public var column: Int

    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }
}
