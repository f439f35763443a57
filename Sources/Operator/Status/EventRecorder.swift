import Foundation
import KubernetesClient
import Logging
import Synchronization

/// Writes an events.k8s.io/v1 Event for every condition transition, rate-limited per
/// object: the same (condition, status, reason) is not repeated within `window`, and an
/// object gets at most `burst` Events per `window` (a flapping object cannot flood the
/// API server). Failures to write an Event are logged and otherwise ignored: Events are
/// advisory.
public final class EventRecorder: Sendable {
    let cluster: any Cluster
    let controller: String
    let instance: String
    let window: TimeInterval
    let burst: Int
    let now: @Sendable () -> Date
    let logger: Logger
    private let history = Mutex<[String: [(key: String, at: Date)]]>([:])

    public init(cluster: any Cluster, instance: String, window: TimeInterval = 300, burst: Int = 10,
                now: @escaping @Sendable () -> Date, logger: Logger) {
        self.cluster = cluster
        self.controller = "vigil.dev/operator"
        self.instance = instance
        self.window = window
        self.burst = burst
        self.now = now
        self.logger = logger
    }

    /// Records one Event per condition of `new` whose status differs from `old` (or that
    /// is new).
    public func recordTransitions(from old: [Condition], to new: [Condition], regarding: ObjectReference) async {
        for condition in new where old[condition.type]?.status != condition.status {
            await record(condition, regarding: regarding)
        }
    }

    func record(_ condition: Condition, regarding: ObjectReference) async {
        let objectKey = "\(regarding.kind ?? "")/\(regarding.namespace ?? "")/\(regarding.name ?? "")"
        let eventKey = "\(condition.type.rawValue)=\(condition.status.rawValue)/\(condition.reason.rawValue)"
        let time = now()
        let allowed = history.withLock { history -> Bool in
            var recent = (history[objectKey] ?? []).filter { time.timeIntervalSince($0.at) < window }
            defer { history[objectKey] = recent }
            guard recent.count < burst, !recent.contains(where: { $0.key == eventKey }) else { return false }
            recent.append((eventKey, time))
            return true
        }
        guard allowed else { return }
        // client-go's naming: the object's name and a unique hexadecimal suffix.
        let suffix = String(UInt64(time.timeIntervalSince1970 * 1_000_000_000) &+ UInt64.random(in: 0...0xffff), radix: 16)
        var event = Event(metadata: ObjectMeta(name: "\(regarding.name ?? "vigil").\(suffix)", namespace: regarding.namespace),
                          eventTime: MicroTime(time))
        // Problem conditions (budget exhausted, alerts firing) warn when they turn True and
        // are good news when they turn False; every other condition warns when it turns False.
        let problemTypes: Set<ConditionType> = [.budgetExhausted, .pageAlertFiring, .ticketAlertFiring]
        let isProblem = problemTypes.contains(condition.type) ? condition.status == .true : condition.status == .false
        event.type = isProblem ? "Warning" : "Normal"
        event.reason = condition.reason.rawValue
        event.action = "Reconcile"
        event.note = String("\(condition.type.rawValue)=\(condition.status.rawValue): \(condition.message)".prefix(1024))
        event.regarding = regarding
        event.reportingController = controller
        event.reportingInstance = instance
        do {
            try await cluster.record(event)
        } catch {
            logger.debug("event not recorded", metadata: ["vigil.object": "\(objectKey)", "vigil.error": "\(error)"])
        }
    }
}
