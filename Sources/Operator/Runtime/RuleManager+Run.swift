import Logging
import Rules

extension RuleManager {
    /// Evaluates until the task is cancelled; any other end is logged (the operator keeps
    /// running without rule evaluation rather than stopping).
    func runUntilCancelled(logger: Logger) async {
        do {
            try await run()
        } catch {
            if !Task.isCancelled { logger.warning("rule evaluation stopped", metadata: ["vigil.error": "\(error)"]) }
        }
    }
}
