/// The `Accepted` condition a ServiceMonitor gets for a Prometheus, in the shape
/// prometheus-operator writes under `status.bindings[].conditions` (compat 5.1), but with
/// the real validation errors in the message (compat 7).
public struct Acceptance: Sendable, Equatable {
    /// `"True"` or `"False"`.
    public var status: String
    /// Empty when accepted; `InvalidConfiguration` when rejected (prometheus-operator's reason).
    public var reason: String
    /// Empty when accepted; otherwise every error, `; `-separated, with field paths.
    public var message: String
    /// Machine reasons of the errors, for finer-grained metrics or events.
    public var causes: [ValidationIssue.Reason]

    /// The condition for a monitor with these validation `issues` (warnings do not reject).
    public init(issues: [ValidationIssue]) {
        let errors = issues.filter { $0.severity == .error }
        if errors.isEmpty {
            (status, reason, message, causes) = ("True", "", "", [])
        } else {
            status = "False"
            reason = "InvalidConfiguration"
            message = errors.map(\.description).joined(separator: "; ")
            var seen: Set<ValidationIssue.Reason> = []
            causes = errors.map(\.reason).filter { seen.insert($0).inserted }
        }
    }

    /// The Event note prometheus-operator writes for a rejected monitor.
    public func eventNote(monitorKey: String) -> String? {
        status == "False" ? "\"\(monitorKey)\" was rejected due to invalid configuration: \(message)" : nil
    }
}
