import FakeKubernetesAPIServer
import Foundation
import KubernetesClient
import Testing
import VigilTestSupport

@Suite("leader election against the fake API server")
struct LeaderElectionTests {
    func elector(_ h: ClusterHarness, _ identity: String, clock: ManualClock, release: Bool = true) -> LeaderElector<ManualClock> {
        LeaderElector(
            configuration: .init(leaseName: "vigil", namespace: "default", identity: identity, releaseOnCancel: release),
            client: h.client, clock: clock, logger: ClusterHarness.logger,
            now: { Date(timeIntervalSince1970: 1_800_000_000 + Double(clock.now.offset.components.seconds)) })
    }

    /// Advances the manual clock in retry-period steps until `condition` holds or
    /// `limit` has passed; returns the time advanced.
    func advance(_ clock: ManualClock, sleepers: Int, limit: Duration, until condition: () -> Bool) async -> Duration? {
        var advanced = Duration.zero
        while advanced <= limit {
            if condition() { return advanced }
            await clock.waitForSleepers(sleepers)
            clock.advance(by: .seconds(2))
            advanced += .seconds(2)
            // The woken candidates leave the sleeper list; wait until they have finished
            // their attempt (asleep again) or the condition holds, however slow the machine.
            let deadline = ContinuousClock.now + .seconds(30)
            while !condition() && clock.sleeperCount < sleepers && ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(2))
            }
        }
        return condition() ? advanced : nil
    }

    @Test("of two candidates one leads; when it stops renewing the other takes over within the lease duration")
    func takeoverAfterExpiry() async throws {
        try await ClusterHarness.run { h in
            let clock = ManualClock()
            let a = elector(h, "a", clock: clock, release: false)
            let b = elector(h, "b", clock: clock, release: false)
            let runA = Task { await a.run { while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) } } }
            await waitUntil { a.isLeader }
            let runB = Task { await b.run { while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) } } }
            // Both renew/retry for a while: a keeps the lease.
            _ = await advance(clock, sleepers: 2, limit: .seconds(20)) { false }
            #expect(a.isLeader && !b.isLeader)
            runA.cancel()  // a dies without releasing
            await runA.value
            let took = await advance(clock, sleepers: 1, limit: .seconds(30)) { b.isLeader }
            let elapsed = try #require(took)
            // Expiry is judged on b's clock from the last renewal b *observed*: b may see
            // a's final renewal one retry period late, and the clock moves in retry-period
            // steps, so the takeover lands within leaseDuration + 2 × retryPeriod of a's death
            // and never before leaseDuration.
            #expect(elapsed >= .seconds(15) && elapsed <= .seconds(15) + .seconds(4), "took over after \(elapsed)")
            let lease = try #require(h.server.object(.leases, namespace: "default", name: "vigil"))
            #expect(lease["spec"]?["holderIdentity"]?.stringValue == "b")
            #expect(lease["spec"]?["leaseTransitions"]?.intValue == 1)
            runB.cancel()
            await runB.value
        }
    }

    @Test("a graceful release hands the lease over at the next retry")
    func gracefulRelease() async throws {
        try await ClusterHarness.run { h in
            let clock = ManualClock()
            let a = elector(h, "a", clock: clock)
            let b = elector(h, "b", clock: clock)
            let runA = Task { await a.run { while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) } } }
            await waitUntil { a.isLeader }
            let runB = Task { await b.run { while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) } } }
            await clock.waitForSleepers(2)
            runA.cancel()
            await runA.value
            #expect(h.server.object(.leases, namespace: "default", name: "vigil")?["spec"]?["holderIdentity"]?.stringValue == "")
            let took = await advance(clock, sleepers: 1, limit: .seconds(4)) { b.isLeader }
            #expect(took != nil && took! <= .seconds(2))
            runB.cancel()
            await runB.value
        }
    }

    @Test("a leader that cannot renew stops leading and cancels its work")
    func losesLeadership() async throws {
        try await ClusterHarness.run { h in
            let clock = ManualClock()
            let a = elector(h, "a", clock: clock)
            let workCancelled = Locked(false)
            let runA = Task {
                await a.run {
                    while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
                    workCancelled.withLock { $0 = true }
                }
            }
            await waitUntil { a.isLeader }
            // Someone else takes the lease (e.g. an admin edit).
            try h.server.modify(.leases, namespace: "default", name: "vigil") { $0["spec"]?["holderIdentity"] = "intruder" }
            _ = await advance(clock, sleepers: 1, limit: .seconds(12)) { !a.isLeader }
            #expect(!a.isLeader)
            await waitUntil { workCancelled.value }
            runA.cancel()
            await runA.value
        }
    }
}
