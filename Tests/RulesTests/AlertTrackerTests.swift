import Rules
import TSDB
import Testing

/// The alert state machine on its own: observations in, states out.
@Suite("Alert state machine")
struct AlertTrackerTests {
    private let labels = Labels(["alertname": "HighErrorRate", "model_id": "llama"])
    private func returned(_ value: Double = 0.1) -> [Labels: (value: Double, annotations: [String: String])] {
        [labels: (value, ["summary": "v=\(value)"])]
    }

    @Test("inactive → pending → firing after `for`, then resolved and kept 15 minutes")
    func lifeCycle() throws {
        var tracker = AlertTracker(holdDuration: 120_000)
        var current = tracker.observe(returned(), at: 60_000)
        #expect(current.map(\.state) == [.pending])
        #expect(current.first?.activeAt == 60_000)
        current = tracker.observe(returned(0.2), at: 120_000)
        #expect(current.map(\.state) == [.pending])
        #expect(current.first?.annotations == ["summary": "v=0.2"])
        current = tracker.observe(returned(), at: 180_000)
        #expect(current.map(\.state) == [.firing])
        #expect(current.first?.firedAt == 180_000)
        #expect(current.first?.activeAt == 60_000)

        current = tracker.observe([:], at: 240_000)
        #expect(current.isEmpty)
        let resolved = try #require(tracker.alerts[labels])
        #expect(resolved.state == .inactive)
        #expect(resolved.resolvedAt == 240_000)
        #expect(tracker.activeAlerts.isEmpty)

        _ = tracker.observe([:], at: 240_000 + AlertTracker.resolvedRetention)
        #expect(tracker.alerts[labels] != nil, "kept for exactly the retention")
        _ = tracker.observe([:], at: 240_000 + AlertTracker.resolvedRetention + 60_000)
        #expect(tracker.alerts[labels] == nil)
    }

    @Test("a pending alert that disappears is dropped at once")
    func pendingDisappears() {
        var tracker = AlertTracker(holdDuration: 300_000)
        _ = tracker.observe(returned(), at: 0)
        _ = tracker.observe([:], at: 60_000)
        #expect(tracker.alerts.isEmpty)
        let again = tracker.observe(returned(), at: 120_000)
        #expect(again.first?.activeAt == 120_000, "the hold starts over")
    }

    @Test("`for: 0` fires at the first evaluation")
    func zeroHold() {
        var tracker = AlertTracker(holdDuration: 0)
        #expect(tracker.observe(returned(), at: 0).map(\.state) == [.firing])
    }

    @Test("keep_firing_for keeps a firing alert firing after its condition clears")
    func keepFiring() {
        var tracker = AlertTracker(holdDuration: 0, keepFiringFor: 180_000)
        _ = tracker.observe(returned(), at: 0)
        for t in stride(from: Int64(60_000), through: 180_000, by: 60_000) {
            let current = tracker.observe([:], at: t)
            #expect(current.map(\.state) == [.firing], "at \(t)")
            #expect(current.first?.keepFiringSince == 60_000)
        }
        #expect(tracker.observe([:], at: 240_000).isEmpty)
        #expect(tracker.alerts[labels]?.state == .inactive)
    }

    @Test("keep_firing_for restarts when the condition returns")
    func keepFiringResets() {
        var tracker = AlertTracker(holdDuration: 0, keepFiringFor: 120_000)
        _ = tracker.observe(returned(), at: 0)
        _ = tracker.observe([:], at: 60_000)
        #expect(tracker.observe(returned(), at: 120_000).first?.keepFiringSince == nil)
        #expect(tracker.observe([:], at: 180_000).first?.keepFiringSince == 180_000)
    }

    @Test("keep_firing_for does not apply to pending alerts")
    func keepFiringPending() {
        var tracker = AlertTracker(holdDuration: 300_000, keepFiringFor: 600_000)
        _ = tracker.observe(returned(), at: 0)
        #expect(tracker.observe([:], at: 60_000).isEmpty)
        #expect(tracker.alerts.isEmpty)
    }

    @Test("a resolved alert that returns starts pending again with a new activeAt")
    func resolvedReturns() {
        var tracker = AlertTracker(holdDuration: 60_000)
        _ = tracker.observe(returned(), at: 0)
        _ = tracker.observe(returned(), at: 60_000)
        _ = tracker.observe([:], at: 120_000)
        let current = tracker.observe(returned(), at: 180_000)
        #expect(current.map(\.state) == [.pending])
        #expect(current.first?.activeAt == 180_000)
        #expect(current.first?.resolvedAt == nil)
    }
}
