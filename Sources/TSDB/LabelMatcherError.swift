/// Why a ``LabelMatcher`` could not be built.
public enum LabelMatcherError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The regular expression does not compile; `reason` is the compiler's message.
    case invalidRegex(label: String, pattern: String, reason: String)

    public var description: String {
        switch self {
        case .invalidRegex(let label, let pattern, let reason):
            "invalid regex \"\(pattern)\" for label \(label): \(reason)"
        }
    }
}
