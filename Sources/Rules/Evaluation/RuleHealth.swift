import PromQL

/// How a rule's latest evaluation went (`/api/v1/rules` `health`, `lastError`, ...).
public struct RuleHealth: Sendable, Equatable {
    /// `unknown` until the first evaluation, then `ok` or `err`.
    public enum State: String, Sendable, Equatable {
        case unknown
        case ok
        case err
    }

    /// The latest outcome.
    public var state: State = .unknown
    /// The latest evaluation's error message, if it failed.
    public var lastError: String?
    /// Timestamp of the latest evaluation (milliseconds since the epoch).
    public var lastEvaluation: Milliseconds?
    /// How long the latest evaluation took.
    public var evaluationDuration: Duration = .zero

    public init() {}
}

/// Why a rule's evaluation failed; `message` uses Prometheus's wording.
public struct RuleEvaluationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The error text shown as `lastError`.
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
