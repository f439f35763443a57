import Testing
import VigilTestSupport
@testable import KubernetesClient

@Suite("work queue")
struct WorkQueueTests {
    @Test("a key added many times is handed out once")
    func deduplicates() async {
        let queue = WorkQueue<String, ManualClock>(name: "t", clock: ManualClock())
        for _ in 0..<10 { queue.add("a") }
        queue.add("b")
        #expect(queue.count == 2)
        #expect(await queue.next() == "a")
        #expect(await queue.next() == "b")
        #expect(queue.count == 0)
    }

    @Test("a key being processed is not handed out again until done")
    func noConcurrentSameKey() async {
        let queue = WorkQueue<String, ManualClock>(name: "t", clock: ManualClock())
        queue.add("a")
        #expect(await queue.next() == "a")
        queue.add("a")  // changed while processing
        queue.add("b")
        #expect(await queue.next() == "b")
        #expect(queue.count == 0)  // "a" waits for done
        queue.done("a")
        #expect(queue.count == 1)
        #expect(await queue.next() == "a")
    }

    @Test("many workers never hold the same key at once")
    func manyWorkers() async {
        let queue = WorkQueue<Int, ManualClock>(name: "t", clock: ManualClock())
        let active = Locked<Set<Int>>([])
        let violations = Locked(0)
        let processed = Locked(0)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    while let key = await queue.next() {
                        let clash = active.withLock { !$0.insert(key).inserted }
                        if clash { violations.withLock { $0 += 1 } }
                        await Task.yield()
                        active.withLock { _ = $0.remove(key) }
                        processed.withLock { $0 += 1 }
                        queue.done(key)
                    }
                }
            }
            for round in 0..<200 {
                queue.add(round % 5)
                if round % 7 == 0 { await Task.yield() }
            }
            while queue.count > 0 { await Task.yield() }
            try? await Task.sleep(for: .milliseconds(50))
            queue.shutDown()
        }
        #expect(violations.withLock { $0 } == 0)
        #expect(processed.withLock { $0 } >= 5)
    }

    @Test("rate-limited adds back off exponentially per key until forgotten")
    func backoffTiming() async {
        let clock = ManualClock()
        let queue = WorkQueue<String, ManualClock>(
            name: "t", clock: clock, rateLimit: Backoff(initial: .milliseconds(5), maximum: .seconds(1000), jitter: 0))
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await queue.run() }
            for expectedDelay in [5, 10, 20, 40] {
                queue.addRateLimited("a")
                await clock.waitForSleepers(1)
                clock.advance(by: .milliseconds(expectedDelay - 1))
                await settle()
                #expect(queue.count == 0, "released before \(expectedDelay) ms")
                clock.advance(by: .milliseconds(1))
                await waitUntil { queue.count == 1 }
                #expect(await queue.next() == "a")
                queue.done("a")
            }
            #expect(queue.retries(of: "a") == 4)
            queue.forget("a")
            queue.addRateLimited("a")
            await clock.waitForSleepers(1)
            clock.advance(by: .milliseconds(5))
            await waitUntil { queue.count == 1 }
            queue.shutDown()
            group.cancelAll()
        }
    }

    @Test("an earlier delayed key wakes the delay loop")
    func earlierDeadlineWakes() async {
        let clock = ManualClock()
        let queue = WorkQueue<String, ManualClock>(name: "t", clock: clock)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await queue.run() }
            queue.add("late", after: .seconds(60))
            await clock.waitForSleepers(1)
            queue.add("soon", after: .seconds(1))
            await settle()
            clock.advance(by: .seconds(1))
            await waitUntil { queue.count == 1 }
            #expect(await queue.next() == "soon")
            clock.advance(by: .seconds(59))
            await waitUntil { queue.count == 1 }
            #expect(await queue.next() == "late")
            queue.shutDown()
        }
    }

    @Test("shutdown releases waiting workers")
    func shutdownReleasesWorkers() async {
        let queue = WorkQueue<String, ManualClock>(name: "t", clock: ManualClock())
        async let key = queue.next()
        try? await Task.sleep(for: .milliseconds(20))
        queue.shutDown()
        #expect(await key == nil)
    }
}

/// Lets other tasks run for a moment (no clock time passes).
func settle() async {
    for _ in 0..<50 { await Task.yield() }
    try? await Task.sleep(for: .milliseconds(5))
}

/// Polls a condition with real short sleeps, failing after `timeout`.
func waitUntil(timeout: Duration = .seconds(10), _ condition: @Sendable () -> Bool) async {
    let deadline = ContinuousClock.now + timeout
    while !condition() {
        if ContinuousClock.now > deadline {
            Issue.record("condition not met within \(timeout)")
            return
        }
        try? await Task.sleep(for: .milliseconds(2))
    }
}
