import PromQL
import TSDB

/// A point-in-time view of every rule group: what status conditions and the
/// `/api/v1/rules` and `/api/v1/alerts` endpoints show.
public struct RulesSnapshot: Sendable, Equatable {
    public struct Group: Sendable, Equatable {
        public var name: String
        public var file: String
        public var interval: Milliseconds
        public var limit: Int
        public var lastEvaluation: Milliseconds?
        public var evaluationDuration: Duration
        public var missedIterations: Int
        public var rules: [Rule]

        init(_ group: RuleGroup) {
            name = group.definition.name
            file = group.definition.file
            interval = group.interval
            limit = group.definition.limit
            lastEvaluation = group.lastEvaluation
            evaluationDuration = group.evaluationDuration
            missedIterations = group.missedIterations
            rules = group.slots.map(Rule.init)
        }

        /// `ok` unless a rule failed at its latest evaluation; `unknown` before the first.
        public var health: RuleHealth.State {
            if rules.contains(where: { $0.health.state == .err }) { return .err }
            return lastEvaluation == nil ? .unknown : .ok
        }
    }

    public struct Rule: Sendable, Equatable {
        public var definition: RuleDefinition
        public var health: RuleHealth
        /// Pending and firing alerts of an alerting rule (empty for recording rules).
        public var alerts: [Alert]

        init(_ slot: RuleGroup.Slot) {
            definition = slot.definition
            health = slot.health
            if case .alerting(let rule) = slot.rule {
                alerts = rule.tracker.activeAlerts
            } else {
                alerts = []
            }
        }

        /// The highest state of the rule's alerts (`inactive` when none).
        public var state: Alert.State { alerts.map(\.state).max() ?? .inactive }
    }

    public var groups: [Group]

    /// A snapshot of `groups` as they stand (the manager builds one; tests may too).
    public init(groups: [RuleGroup]) {
        self.groups = groups.map(Group.init)
    }

    init(groups: [Group]) {
        self.groups = groups
    }

    /// Every pending or firing alert.
    public var alerts: [Alert] { groups.flatMap { $0.rules.flatMap(\.alerts) } }
}
