/// Why a relabel rule is invalid; the operator reports it as `InvalidRelabeling`.
///
/// The `description` follows Prometheus 2.42's configuration errors, so a message reads the
/// same whether a rule is checked by Vigil or by `promtool check config`.
public struct RelabelError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Which rule of a list, when known (0-based).
    public var ruleIndex: Int?
    /// The configuration field at fault, e.g. `regex` or `target_label`.
    public var field: String
    /// What is wrong with it.
    public var message: String

    /// Creates an error.
    public init(field: String, message: String, ruleIndex: Int? = nil) {
        self.field = field
        self.message = message
        self.ruleIndex = ruleIndex
    }

    public var description: String {
        guard let ruleIndex else { return message }
        return "relabel rule \(ruleIndex): \(message)"
    }
}
