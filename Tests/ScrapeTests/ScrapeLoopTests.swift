import TSDB
import Testing
import VigilTestSupport
@testable import Scrape

private let twoSeries = """
    # TYPE http_requests_total counter
    http_requests_total{code="200"} 10
    http_requests_total{code="500"} 2
    """

@Suite("Scrape loop")
struct ScrapeLoopTests {
    @Test("a successful scrape stores samples with target labels and up/scrape_* series")
    func successfulScrape() async throws {
        let harness = try LoopHarness(reply: .body(twoSeries))
        try await harness.run { h in
            await h.firstScrape()
            let t = h.lastTimestamp
            let requests = series(h.store, "http_requests_total")
            #expect(requests.count == 2)
            let ok = TSDB.Labels(["__name__": "http_requests_total", "code": "200", "job": "test", "instance": "app:8080"])
            #expect(requests[ok] == [Point(t: t, v: 10)])
            let target = ["job": "test", "instance": "app:8080"]
            #expect(series(h.store, "up") == [TSDB.Labels(target.merging(["__name__": "up"]) { $1 }): [Point(t: t, v: 1)]])
            #expect(points(h.store, "scrape_samples_scraped") == [Point(t: t, v: 2)])
            #expect(points(h.store, "scrape_samples_post_metric_relabeling") == [Point(t: t, v: 2)])
            #expect(points(h.store, "scrape_series_added") == [Point(t: t, v: 2)])
            #expect(points(h.store, "scrape_duration_seconds") == [Point(t: t, v: 0)])
            #expect(h.loop.health().state == .up)
            #expect(h.loop.health().lastError == nil)
        }
    }

    @Test("a series missing from the next scrape gets a staleness marker at that scrape's time")
    func disappearingSeries() async throws {
        let harness = try LoopHarness(reply: .body(twoSeries))
        try await harness.run { h in
            await h.firstScrape()
            let first = h.lastTimestamp
            h.client.set(.body("http_requests_total{code=\"200\"} 11\n"))
            await h.nextScrape()
            let second = h.lastTimestamp
            #expect(second == first + 15_000)
            let gone = points(h.store, "http_requests_total", where: "code", is: "500")
            #expect(gone.count == 2)
            #expect(gone.last?.t == second)
            #expect(gone.last.map { isStaleNaN($0.v) } == true)
            #expect(points(h.store, "http_requests_total", where: "code", is: "200").map(\.v) == [10, 11])
            #expect(points(h.store, "scrape_series_added").map(\.v) == [2, 0])
            // A third scrape does not mark it again.
            await h.nextScrape()
            #expect(points(h.store, "http_requests_total", where: "code", is: "500").count == 2)
        }
    }

    @Test("HTTP 500 sets up to 0, records Prometheus' error text and marks previous series stale")
    func httpError() async throws {
        let harness = try LoopHarness(reply: .body(twoSeries))
        try await harness.run { h in
            await h.firstScrape()
            h.client.set(.failure(.httpStatus(500, reason: "Internal Server Error")))
            await h.nextScrape()
            let t = h.lastTimestamp
            #expect(points(h.store, "up").map(\.v) == [1, 0])
            #expect(points(h.store, "scrape_samples_scraped").last == Point(t: t, v: 0))
            #expect(points(h.store, "scrape_series_added").last == Point(t: t, v: 0))
            for (_, values) in series(h.store, "http_requests_total") {
                #expect(values.last.map { isStaleNaN($0.v) && $0.t == t } == true)
            }
            let health = h.loop.health()
            #expect(health.state == .down)
            #expect(health.lastError?.description == "server returned HTTP status 500 Internal Server Error")
            // Recovery: the series come back, and are not "added" again.
            h.client.set(.body(twoSeries))
            await h.nextScrape()
            #expect(points(h.store, "up").map(\.v) == [1, 0, 1])
            #expect(points(h.store, "scrape_series_added").map(\.v) == [2, 0, 0])
        }
    }

    @Test("a garbage body fails the scrape with the line of the error and stores none of it")
    func garbageBody() async throws {
        let body = "ok_metric 1\nsecond_metric 2\nbroken{label=\"x\" 3\n"
        let harness = try LoopHarness(reply: .body(body))
        try await harness.run { h in
            await h.firstScrape()
            #expect(series(h.store, "ok_metric").isEmpty)
            #expect(points(h.store, "up").map(\.v) == [0])
            #expect(points(h.store, "scrape_samples_scraped").map(\.v) == [2])
            let error = try #require(h.loop.health().lastError)
            #expect(error.kind == .parse)
            #expect(error.description.hasPrefix("line 3"))
        }
    }

    @Test("over sample_limit the whole scrape fails and nothing of it is stored")
    func sampleLimit() async throws {
        var options = ScrapeOptions(jobName: "test", interval: .seconds(15), timeout: .seconds(10))
        options.sampleLimit = 2
        let harness = try LoopHarness(reply: .body("a 1\nb 2\n"), options: options)
        try await harness.run { h in
            await h.firstScrape()
            #expect(points(h.store, "a").map(\.v) == [1])
            h.client.set(.body("a 2\nb 3\nc 4\n"))
            await h.nextScrape()
            let t = h.lastTimestamp
            #expect(series(h.store, "c").isEmpty)
            #expect(points(h.store, "a").count == 2)
            #expect(points(h.store, "a").last.map { isStaleNaN($0.v) && $0.t == t } == true)
            #expect(points(h.store, "up").map(\.v) == [1, 0])
            #expect(points(h.store, "scrape_samples_scraped").map(\.v) == [2, 3])
            #expect(points(h.store, "scrape_samples_post_metric_relabeling").map(\.v) == [2, 3])
            #expect(h.loop.health().lastError == .sampleLimitExceeded)
        }
    }

    @Test("a conflicting exposed label becomes exported_<name> unless honor_labels")
    func honorLabels() async throws {
        let body = "m{job=\"exposed\",exported_job=\"taken\",instance=\"i\"} 1\n"
        let plain = try LoopHarness(reply: .body(body))
        try await plain.run { h in
            await h.firstScrape()
            let labels = try #require(series(h.store, "m").keys.first)
            #expect(labels == TSDB.Labels([
                "__name__": "m", "job": "test", "instance": "app:8080", "exported_job": "taken",
                "exported_exported_job": "exposed", "exported_instance": "i",
            ]))
        }
        var options = ScrapeOptions(jobName: "test", interval: .seconds(15), timeout: .seconds(10))
        options.honorLabels = true
        let honoring = try LoopHarness(reply: .body(body), options: options)
        try await honoring.run { h in
            await h.firstScrape()
            let labels = try #require(series(h.store, "m").keys.first)
            #expect(labels == TSDB.Labels(["__name__": "m", "job": "exposed", "exported_job": "taken", "instance": "i"]))
            // up keeps the target's own labels either way.
            #expect(series(h.store, "up").keys.first?["job"] == "test")
        }
    }

    @Test("a target that does not answer within scrape_timeout is down with a deadline error")
    func timeout() async throws {
        let harness = try LoopHarness(reply: .hang)
        try await harness.run { h in
            await h.clock.waitForSleepers(1)
            let delay = ScrapeLoop<TimeSeriesStore, ManualClock>.initialDelay(
                targetHash: h.target.stableHash, jitterSeed: 0, interval: h.target.interval, nowMilliseconds: wallBase)
            h.clock.advance(by: delay)
            // The scrape is now waiting: the fake's sleep and the timeout timer.
            await h.clock.waitForSleepers(2)
            h.clock.advance(by: .seconds(10))
            await eventually("the scrape timed out") { h.loop.health().scrapeCount == 1 }
            #expect(h.loop.health().lastError?.description == "Get \"http://app:8080/metrics\": context deadline exceeded")
            #expect(points(h.store, "up").map(\.v) == [0])
            #expect(points(h.store, "scrape_duration_seconds").map(\.v) == [10])
        }
    }

    @Test("a slow target's scrape_duration_seconds is the time it took")
    func slowTarget() async throws {
        let harness = try LoopHarness(reply: .slow("m 1\n", delay: .milliseconds(3_500)))
        try await harness.run { h in
            await h.clock.waitForSleepers(1)
            let delay = ScrapeLoop<TimeSeriesStore, ManualClock>.initialDelay(
                targetHash: h.target.stableHash, jitterSeed: 0, interval: h.target.interval, nowMilliseconds: wallBase)
            h.clock.advance(by: delay)
            await h.clock.waitForSleepers(2)
            h.clock.advance(by: .milliseconds(3_500))
            await eventually("the slow scrape finished") { h.loop.health().scrapeCount == 1 }
            #expect(points(h.store, "scrape_duration_seconds").map(\.v) == [3.5])
            #expect(points(h.store, "up").map(\.v) == [1])
            // The sample carries the scrape's start time, not its end.
            #expect(points(h.store, "m").first?.t == h.lastTimestamp)
        }
    }

    @Test("a body over body_size_limit fails the scrape")
    func bodySizeLimit() async throws {
        var options = ScrapeOptions(jobName: "test", interval: .seconds(15), timeout: .seconds(10))
        options.bodySizeLimit = 16
        let harness = try LoopHarness(reply: .body(String(repeating: "m 1\n", count: 100)), options: options)
        try await harness.run { h in
            await h.firstScrape()
            #expect(h.loop.health().lastError?.description == "body size limit exceeded")
            #expect(points(h.store, "up").map(\.v) == [0])
            #expect(h.client.requests.first?.bodySizeLimit == 16)
        }
    }

    @Test("metric_relabel_configs drop series before storage and the count shows it")
    func metricRelabeling() async throws {
        var options = ScrapeOptions(jobName: "test", interval: .seconds(15), timeout: .seconds(10))
        options.metricRelabelConfigs = [
            try RelabelConfig(action: .drop, sourceLabels: ["code"], regex: "5.."),
            try RelabelConfig(sourceLabels: ["code"], targetLabel: "class", replacement: "ok"),
        ]
        let harness = try LoopHarness(reply: .body(twoSeries), options: options)
        try await harness.run { h in
            await h.firstScrape()
            let kept = series(h.store, "http_requests_total")
            #expect(kept.count == 1)
            #expect(kept.keys.first?["class"] == "ok")
            #expect(points(h.store, "scrape_samples_scraped").map(\.v) == [2])
            #expect(points(h.store, "scrape_samples_post_metric_relabeling").map(\.v) == [1])
            await h.nextScrape()
            #expect(points(h.store, "scrape_samples_post_metric_relabeling").map(\.v) == [1, 1])
        }
    }

    @Test("label limits fail the scrape with Prometheus' message")
    func labelLimits() async throws {
        var options = ScrapeOptions(jobName: "test", interval: .seconds(15), timeout: .seconds(10))
        options.labelLimit = 3
        let harness = try LoopHarness(reply: .body("m{a=\"1\"} 1\n"), options: options)
        try await harness.run { h in
            await h.firstScrape()
            #expect(h.loop.health().lastError?.description
                    == "label_limit exceeded (metric: m, number of labels: 4, limit: 3)")
            #expect(series(h.store, "m").isEmpty)
        }
        options.labelLimit = 0
        options.labelValueLengthLimit = 3
        let long = try LoopHarness(reply: .body("m{a=\"long\"} 1\n"), options: options)
        try await long.run { h in
            await h.firstScrape()
            // `instance="app:8080"` is too long as well, but `a` sorts first.
            #expect(h.loop.health().lastError?.description
                    == "label_value_length_limit exceeded (metric: m, label name: a, value: \"long\", length: 4, limit: 3)")
        }
    }

    @Test("honor_timestamps keeps exposed timestamps; off, the scrape time is used")
    func honorTimestamps() async throws {
        let body = "m 1 1699999999000\n"
        let honoring = try LoopHarness(reply: .body(body))
        try await honoring.run { h in
            await h.firstScrape()
            #expect(points(h.store, "m").map(\.t) == [1_699_999_999_000])
            // Series with explicit timestamps get no staleness markers.
            h.client.set(.body(""))
            await h.nextScrape()
            #expect(points(h.store, "m").count == 1)
        }
        var options = ScrapeOptions(jobName: "test", interval: .seconds(15), timeout: .seconds(10))
        options.honorTimestamps = false
        let ignoring = try LoopHarness(reply: .body(body), options: options)
        try await ignoring.run { h in
            await h.firstScrape()
            #expect(points(h.store, "m").map(\.t) == [h.lastTimestamp])
        }
    }

    @Test("OpenMetrics bodies are parsed by content type")
    func openMetrics() async throws {
        let body = "# TYPE m counter\nm_total 3\n# EOF\n"
        let harness = try LoopHarness(reply: .body(body, contentType: "application/openmetrics-text; version=1.0.0"))
        try await harness.run { h in
            await h.firstScrape()
            #expect(points(h.store, "m_total").map(\.v) == [3])
            let request = try #require(h.client.requests.first)
            #expect(request.headers.contains { $0.name == "Accept" && $0.value.hasPrefix("application/openmetrics-text") })
            #expect(request.headers.contains { $0 == ("X-Prometheus-Scrape-Timeout-Seconds", "10") })
        }
    }

    @Test("the first scrape lands within one interval, offset by the target hash")
    func initialDelay() {
        let interval = Duration.seconds(15)
        for hash: UInt64 in [0, 1, 7_000_000_000, .max] {
            for now: Int64 in [0, 1_700_000_000_123, 1_700_000_014_999] {
                let delay = ScrapeLoop<TimeSeriesStore, ManualClock>.initialDelay(
                    targetHash: hash, jitterSeed: 42, interval: interval, nowMilliseconds: now)
                #expect(delay >= .zero && delay <= interval)
            }
        }
        // Aligned to interval boundaries: at a boundary with offset 0 the wait is a full interval.
        #expect(ScrapeLoop<TimeSeriesStore, ManualClock>.initialDelay(
            targetHash: 0, jitterSeed: 0, interval: interval, nowMilliseconds: 30_000) == interval)
    }
}
