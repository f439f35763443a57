/// One entry of an exposition, in input order, as returned by ``ExpositionParser/next()``.
public enum ExpositionEntry: Sendable, Equatable {
    /// `# HELP metric text` with the text unescaped.
    case help(metric: String, text: String)
    /// `# TYPE metric type`.
    case type(metric: String, MetricType)
    /// `# UNIT metric unit` (OpenMetrics only).
    case unit(metric: String, unit: String)
    /// Any other `#` line (text format only); the text after `#` and the blanks following it.
    case comment(String)
    /// A sample line.
    case sample(ExpositionSample)
}
