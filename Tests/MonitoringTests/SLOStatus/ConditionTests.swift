import Foundation
import Testing
@testable import Monitoring

@Suite("Conditions follow the Kubernetes API conventions")
struct ConditionTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static let t1 = t0.addingTimeInterval(60)

    struct Change: Sendable, CustomTestStringConvertible {
        var name: String
        var status: ConditionStatus
        var reason: String
        var message: String
        var generation: Int64?
        var changed: Bool
        var transition: Date
        var testDescription: String { name }
    }

    static let existing = Condition(type: .ready, status: .true, reason: ConditionReason(rawValue: "Evaluated"),
                                    message: "ok", observedGeneration: 1, lastTransitionTime: t0)

    @Test(arguments: [
        Change(name: "no change reports false and keeps everything", status: .true, reason: "Evaluated",
               message: "ok", generation: 1, changed: false, transition: t0),
        Change(name: "a new message is a change but keeps lastTransitionTime", status: .true, reason: "Evaluated",
               message: "still ok", generation: 1, changed: true, transition: t0),
        Change(name: "a new reason or generation keeps lastTransitionTime", status: .true, reason: "NoTraffic",
               message: "ok", generation: 2, changed: true, transition: t0),
        Change(name: "a new status moves lastTransitionTime to now", status: .false, reason: "Evaluated",
               message: "ok", generation: 1, changed: true, transition: t1),
    ])
    func updates(_ change: Change) {
        var conditions = [Self.existing]
        let changed = conditions.set(.ready, status: change.status, reason: ConditionReason(rawValue: change.reason),
                                     message: change.message, observedGeneration: change.generation, now: Self.t1)
        #expect(changed == change.changed)
        #expect(conditions.count == 1)
        #expect(conditions[0].lastTransitionTime == change.transition)
        #expect(conditions[0].message == change.message && conditions[0].status == change.status)
        #expect(conditions[0].observedGeneration == change.generation)
    }

    @Test("a new condition is appended with now as its transition time")
    func adds() {
        var conditions = [Self.existing]
        let changed = conditions.set(.accepted, status: .true, reason: .rulesGenerated, message: "m",
                                     observedGeneration: 3, now: Self.t1)
        #expect(changed)
        #expect(conditions.map(\.type) == [.ready, .accepted])
        #expect(conditions[.accepted]?.lastTransitionTime == Self.t1)
    }

    @Test("encodes camelCase JSON with an RFC 3339 time and decodes it back")
    func json() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(Self.existing)
        #expect(String(decoding: data, as: UTF8.self) == #"{"lastTransitionTime":"2027-01-15T08:00:00Z","message":"ok","#
            + #""observedGeneration":1,"reason":"Evaluated","status":"True","type":"Ready"}"#)
        #expect(try JSONDecoder().decode(Condition.self, from: data) == Self.existing)
    }

    @Test("RFC 3339 times are written in whole UTC seconds and read with fractions or offsets")
    func rfc3339() {
        #expect(RFC3339.string(from: Self.t0.addingTimeInterval(0.75)) == "2027-01-15T08:00:00Z")
        #expect(RFC3339.date(from: "2027-01-15T08:00:00.5Z") == Self.t0.addingTimeInterval(0.5))
        #expect(RFC3339.date(from: "2027-01-15T09:00:00+01:00") == Self.t0)
        #expect(RFC3339.date(from: "yesterday") == nil)
    }

    @Test("a condition with a malformed time fails to decode instead of crashing")
    func malformedTime() {
        let json = #"{"type":"Ready","status":"True","lastTransitionTime":"soon"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Condition.self, from: Data(json.utf8)) }
    }
}
