import Foundation
import Testing
@testable import Monitoring

@Suite("PrometheusRule status")
struct PrometheusRuleStatusTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static let rule = PrometheusRule(
        metadata: .init(name: "r", namespace: "n", generation: 7),
        spec: .init(groups: [.init(name: "g", rules: [.init(alert: "A", expr: .string("up == 0")),
                                                      .init(record: "job:up", expr: .string("sum by (job) (up)"))])]))

    @Test("valid and evaluating: Accepted, Evaluating and Ready are True with counts")
    func healthy() {
        let status = PrometheusRuleStatus.make(for: Self.rule, issues: [], evaluation: .init(firingAlerts: 1),
                                               previous: [], now: Self.t0)
        #expect(status.conditions.map(\.type) == [.accepted, .evaluating, .ready])
        #expect(status.conditions.map(\.status) == [.true, .true, .true])
        #expect(status.rules == 2 && status.firingAlerts == 1 && status.observedGeneration == 7)
        #expect(status.conditions[.accepted]?.message == "2 rules in 1 group are valid")
    }

    @Test("invalid rules: Accepted=False with prometheus-operator's reason and every issue in the message")
    func invalid() {
        var broken = Self.rule
        broken.spec.groups?[0].rules[0].expr = .string("up ==")
        let issues = PrometheusRuleValidator.issues(in: broken)
        let status = PrometheusRuleStatus.make(for: broken, issues: issues, evaluation: nil, previous: [], now: Self.t0)
        #expect(status.conditions[.accepted]?.status == .false)
        #expect(status.conditions[.accepted]?.reason == .invalidConfiguration)
        #expect(status.conditions[.accepted]?.message == #"group "g", rule 1 ("A"): expr: 1:6: parse error: unexpected end of input"#)
        #expect(status.conditions[.ready]?.status == .false)
        #expect(status.firingAlerts == nil)
    }

    @Test("evaluation failures make Evaluating and Ready False; recovery moves their transition time")
    func evaluationFailure() {
        let failing = PrometheusRuleStatus.make(
            for: Self.rule, issues: [],
            evaluation: .init(failures: [#"group "g", rule 1 ("A"): vector contains metrics with the same labelset"#]),
            previous: [], now: Self.t0)
        #expect(failing.conditions[.evaluating]?.status == .false)
        #expect(failing.conditions[.ready]?.message.hasPrefix("1 of 2 rules fail to evaluate: ") == true)
        let later = Self.t0.addingTimeInterval(60)
        let recovered = PrometheusRuleStatus.make(for: Self.rule, issues: [], evaluation: .init(),
                                                  previous: failing.conditions, now: later)
        #expect(recovered.conditions[.ready]?.lastTransitionTime == later)
        #expect(recovered.conditions[.accepted]?.lastTransitionTime == Self.t0)
    }

    @Test("before the first evaluation Evaluating is Unknown")
    func awaiting() {
        let status = PrometheusRuleStatus.make(for: Self.rule, issues: [], evaluation: nil, previous: [], now: Self.t0)
        #expect(status.conditions[.evaluating]?.status == .unknown)
        #expect(status.conditions[.ready]?.status == .false)
    }
}
