import Foundation
import KubernetesClient
@testable import Operator
import Testing

@Suite("conditions follow apimachinery's rules")
struct ConditionTests {
    static let t0 = Date(timeIntervalSince1970: 1_700_000_000)
    static let t1 = Date(timeIntervalSince1970: 1_700_000_600)

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var start: [Condition]
        var status: ConditionStatus
        var reason: Reason
        var message: String
        var changed: Bool
        var transition: Date
        var testDescription: String { name }
    }

    static func ready(_ status: ConditionStatus, _ message: String = "ok") -> Condition {
        Condition(type: .ready, status: status, reason: .ready, message: message, observedGeneration: 1,
                  lastTransitionTime: t0)
    }

    static let cases: [Case] = [
        Case(name: "a new condition gets now", start: [], status: .true, reason: .ready, message: "ok", changed: true,
             transition: t1),
        Case(name: "nothing changes", start: [ready(.true)], status: .true, reason: .ready, message: "ok", changed: false,
             transition: t0),
        Case(name: "a new message keeps the transition time", start: [ready(.true)], status: .true, reason: .ready,
             message: "3/3 targets up", changed: true, transition: t0),
        Case(name: "a new status moves the transition time", start: [ready(.true)], status: .false, reason: .targetsDown,
             message: "down", changed: true, transition: t1),
    ]

    @Test(arguments: cases)
    func set(_ c: Case) {
        var conditions = c.start
        let changed = conditions.set(.ready, status: c.status, reason: c.reason, message: c.message,
                                     observedGeneration: 1, now: Self.t1)
        #expect(changed == c.changed)
        #expect(conditions.count == 1)
        #expect(conditions[.ready]?.status == c.status)
        #expect(conditions[.ready]?.message == c.message)
        #expect(conditions[.ready]?.lastTransitionTime == c.transition)
    }

    @Test("a condition encodes with the contract's field names and RFC 3339 time")
    func encoding() throws {
        let json = try JSONCoding.encode(Self.ready(.false, "x"))
        #expect(json["type"] == "Ready")
        #expect(json["status"] == "False")
        #expect(json["reason"] == "Ready")
        #expect(json["lastTransitionTime"] == "2023-11-14T22:13:20Z")
        #expect(json["observedGeneration"] == .int(1))
    }
}
