import PromQL
import Synchronization
import TSDB
import Testing
import VigilTestSupport

@Suite("Engine: queries, limits and errors")
struct EvaluatorEngineTests {
    let store: TimeSeriesStore

    init() throws {
        store = try makeStore(step: 60_000, [
            #"requests{job="api"} 0+10x10"#,
            #"requests{job="web"} 0+20x10"#,
            #"ending{job="api"} 1 2 stale"#,
        ])
    }

    @Test("An instant query returns samples stamped with the evaluation time")
    func instantVector() throws {
        let value = try Engine().instantQuery("requests", at: 300_000, on: store)
        guard case .vector(let samples) = value else { Issue.record("expected a vector"); return }
        #expect(samples.allSatisfy { $0.timestamp == 300_000 })
        #expect(rendered(value) == [#"{__name__="requests", job="api"} 50.0"#,
                                    #"{__name__="requests", job="web"} 100.0"#])
    }

    @Test("Scalars and strings evaluate as themselves")
    func literals() throws {
        #expect(try Engine().instantQuery("1 + 2 * 3", at: 0, on: store) == .scalar(7))
        #expect(try Engine().instantQuery(#""hello""#, at: 0, on: store) == .string("hello"))
    }

    @Test("A stale marker ends a series at once instead of after the lookback delta")
    func staleness() throws {
        #expect(rendered(try Engine().instantQuery("ending", at: 60_000, on: store)).count == 1)
        #expect(rendered(try Engine().instantQuery("ending", at: 120_000, on: store)).isEmpty)
    }

    @Test("The lookback window is closed: a sample exactly five minutes old is still seen")
    func lookbackBoundary() throws {
        let engine = Engine()
        #expect(rendered(try engine.instantQuery("requests", at: 600_000 + 300_000, on: store)).count == 2)
        #expect(rendered(try engine.instantQuery("requests", at: 600_000 + 300_001, on: store)).isEmpty)
    }

    @Test("A range query evaluates every step and sorts series by labels")
    func rangeQuery() throws {
        let result = try Engine().rangeQuery("sum by (job) (requests)", start: 0, end: 180_000, step: 60_000, on: store)
        #expect(result.map(\.labels.description) == [#"{job="api"}"#, #"{job="web"}"#])
        #expect(result[0].points == [0, 60_000, 120_000, 180_000].enumerated().map {
            Point(t: $0.element, v: Double($0.offset) * 10)
        })
    }

    @Test("A scalar range query yields one series without labels")
    func scalarRange() throws {
        let result = try Engine().rangeQuery("time()", start: 0, end: 120_000, step: 60_000, on: store)
        #expect(result == [RangeSeries(labels: Labels(), points: [Point(t: 0, v: 0), Point(t: 60_000, v: 60),
                                                                  Point(t: 120_000, v: 120)])])
    }

    @Test("@ start() and @ end() refer to the range query's first and last step")
    func atStartEnd() throws {
        let result = try Engine().rangeQuery("requests{job=\"api\"} @ end()", start: 0, end: 120_000,
                                             step: 60_000, on: store)
        #expect(result.first?.points.map(\.v) == [20, 20, 20])
    }

    @Test("Bad range query parameters are refused with Prometheus's messages", arguments: [
        (Int64(0), Int64(60_000), Int64(0), "zero or negative query resolution step widths are not accepted"),
        (Int64(60_000), Int64(0), Int64(1000), "end timestamp must not be before start time"),
        (Int64(0), Int64(12_000_000), Int64(1), "exceeded maximum resolution of 11,000 points per timeseries"),
    ])
    func rangeParameters(start: Int64, end: Int64, step: Int64, message: String) {
        #expect {
            _ = try Engine().rangeQuery("requests", start: start, end: end, step: step, on: store)
        } throws: { error in
            "\(error)".hasPrefix(message)
        }
    }

    @Test("Range queries of range vectors are refused")
    func rangeOfMatrix() {
        #expect(throws: EvaluationError.invalidParameters(
            "invalid expression type \"range vector\" for range query, must be Scalar or instant Vector")) {
            _ = try Engine().rangeQuery("requests[5m]", start: 0, end: 60_000, step: 60_000, on: store)
        }
    }

    @Test("A query holding more samples than allowed fails")
    func tooManySamples() {
        let engine = Engine(options: Engine.Options(maxSamples: 5))
        #expect(throws: EvaluationError.tooManySamples) {
            _ = try engine.instantQuery("requests[10m]", at: 600_000, on: store)
        }
    }

    @Test("A query past its timeout on the engine's clock fails with a timeout error")
    func timeout() {
        // Every reading of this clock is a second later than the previous one.
        let engine = Engine(options: Engine.Options(timeout: .seconds(30)), clock: TickingClock())
        #expect(throws: EvaluationError.timeout) {
            _ = try engine.rangeQuery("sum(requests) + sum(requests)", start: 0, end: 600_000, step: 1_000,
                                      on: store)
        }
        // A clock that stands still never times out.
        let patient = Engine(options: Engine.Options(timeout: .seconds(1)), clock: ManualClock())
        #expect(throws: Never.self) {
            _ = try patient.rangeQuery("sum(requests)", start: 0, end: 600_000, step: 1_000, on: store)
        }
    }

    @Test("A cancelled task stops its query")
    func cancellation() async {
        let engine = Engine()
        let store = self.store
        let result = await Task { () throws(EvaluationError) -> [RangeSeries] in
            withUnsafeCurrentTask { $0?.cancel() }
            return try engine.rangeQuery("sum(requests)", start: 0, end: 600_000, step: 1_000, on: store)
        }.result
        #expect(throws: EvaluationError.cancelled) { try result.get() }
    }

    @Test("Parse errors surface as invalid queries with the parser's position")
    func parseError() {
        #expect {
            _ = try Engine().instantQuery("sum(", at: 0, on: store)
        } throws: { error in
            guard case EvaluationError.invalidQuery(let parseError) = error else { return false }
            return parseError.location.line == 1
        }
    }

    @Test("@ and negative offsets can be switched off")
    func featureSwitches() {
        let engine = Engine(options: Engine.Options(enableAtModifier: false, enableNegativeOffset: false))
        #expect(throws: EvaluationError.invalidParameters("@ modifier is disabled")) {
            _ = try engine.instantQuery("requests @ 100", at: 0, on: store)
        }
        #expect(throws: EvaluationError.invalidParameters("negative offset is disabled")) {
            _ = try engine.instantQuery("requests offset -1m", at: 0, on: store)
        }
    }
}

/// A clock that moves one second forward every time it is read.
final class TickingClock: Clock, Sendable {
    typealias Instant = ManualClock.Instant
    private let readings = Mutex<Int64>(0)
    var now: Instant {
        Instant(offset: .seconds(readings.withLock { value in
            value += 1
            return value
        }))
    }
    var minimumResolution: Duration { .seconds(1) }
    func sleep(until deadline: Instant, tolerance: Duration?) async throws {}
}
