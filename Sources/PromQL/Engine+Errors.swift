/// Why a query could not be evaluated. Messages follow Prometheus 2.42's wording, so API
/// clients and rule status read the same as with Prometheus.
public enum EvaluationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The query ran longer than ``Engine/Options/timeout``.
    case timeout
    /// The surrounding task was cancelled.
    case cancelled
    /// The query would hold more than ``Engine/Options/maxSamples`` samples at once.
    case tooManySamples
    /// The query text did not parse or type-check.
    case invalidQuery(ParseError)
    /// Bad range query parameters (step, start after end, too many points).
    case invalidParameters(String)
    /// A failure while executing, e.g. `found duplicate series for the match group …`.
    case execution(String)

    public var description: String {
        switch self {
        case .timeout: return "query timed out in expression evaluation"
        case .cancelled: return "query was canceled in expression evaluation"
        case .tooManySamples:
            return "query processing would load too many samples into memory in query execution"
        case .invalidQuery(let error): return error.description
        case .invalidParameters(let message): return message
        case .execution(let message): return message
        }
    }

    static let duplicateLabelSet = EvaluationError.execution("vector cannot contain metrics with the same labelset")
}
