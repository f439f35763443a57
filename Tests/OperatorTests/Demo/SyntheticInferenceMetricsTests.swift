import Exposition
import Testing
import VigilTestSupport
@testable import Operator

/// The synthetic Kthena metrics, driven by a manual clock: no server, no waiting.
@Suite("Synthetic inference metrics")
struct SyntheticInferenceMetricsTests {
    @Test("every kthena family is written in the text format and parses back with the same types")
    func familiesParseBack() throws {
        let clock = ManualClock()
        let service = SyntheticInferenceService(clock: clock)
        clock.advance(by: .seconds(30))
        let families = try InferenceMetricsSnapshot.parse(service.metricsText())
        let types = Dictionary(uniqueKeysWithValues: families.map { ($0.name, $0.type) })
        #expect(types == [
            "kthena_inference_requests_total": .counter,
            "kthena_inference_errors_total": .counter,
            "kthena_inference_duration_seconds": .histogram,
            "kthena_inference_request_size_bytes": .histogram,
            "kthena_inference_response_size_bytes": .histogram,
            "kthena_model_status": .gauge,
            "kthena_model_memory_usage_bytes": .gauge,
            "kthena_model_load_duration_seconds": .gauge,
            "kthena_model_load_failures_total": .counter,
        ])
        let snapshot = InferenceMetricsSnapshot(families)
        #expect(snapshot.modelIDs == Set(SyntheticModel.kthenaDefaults.map(\.id)))
    }

    @Test("requests arrive at each model's configured rate")
    func requestRate() throws {
        let clock = ManualClock()
        let service = SyntheticInferenceService(clock: clock)
        clock.advance(by: .seconds(60))
        let snapshot = try InferenceMetricsSnapshot(text: service.metricsText())
        for model in SyntheticModel.kthenaDefaults {
            #expect(snapshot.requests(model: model.id) == model.requestsPerSecond * 60)
        }
    }

    @Test("histogram buckets are cumulative, include le=\"1\" and end in +Inf equal to the count")
    func histogramShape() throws {
        let clock = ManualClock()
        let service = SyntheticInferenceService(clock: clock)
        clock.advance(by: .seconds(120))
        let snapshot = try InferenceMetricsSnapshot(text: service.metricsText())
        for model in SyntheticModel.kthenaDefaults {
            let buckets = snapshot.durationBuckets(model: model.id)
            #expect(buckets.map(\.le).contains("1"))
            #expect(buckets.last?.le == "+Inf")
            #expect(zip(buckets, buckets.dropFirst()).allSatisfy { $0.count <= $1.count })
            #expect(buckets.last?.count == snapshot.value("kthena_inference_duration_seconds_count", model: model.id))
            #expect(snapshot.requests(model: model.id) == snapshot.value("kthena_inference_duration_seconds_count", model: model.id))
        }
    }

    @Test("counters never decrease while time advances and knobs change")
    func countersAreMonotonic() throws {
        let clock = ManualClock()
        let service = SyntheticInferenceService(clock: clock)
        var previous = try InferenceMetricsSnapshot(text: service.metricsText())
        let knobSettings = [
            SyntheticInferenceKnobs(errorRatio: 0.3, extraLatency: 0),
            SyntheticInferenceKnobs(errorRatio: 0, extraLatency: 2),
            .healthy,
        ]
        for step in 0..<12 {
            clock.advance(by: .milliseconds(2500 + step * 700))
            if step % 4 == 3 { service.setKnobs(knobSettings[step / 4]) }
            let current = try InferenceMetricsSnapshot(text: service.metricsText())
            let now = current.counterValues
            let decreased = previous.counterValues.filter { now[$0.key, default: -1] < $0.value }.keys.sorted()
            #expect(decreased.isEmpty, "step \(step)")
            previous = current
        }
        #expect(previous.requests(model: "llama-3-8b-instruct") > 0)
    }

    @Test("raising the error ratio knob raises the share of failed requests to it")
    func errorRatioKnob() throws {
        let clock = ManualClock()
        let service = SyntheticInferenceService(clock: clock)
        clock.advance(by: .seconds(60))
        let before = try InferenceMetricsSnapshot(text: service.metricsText())
        #expect(before.totalErrors <= before.totalRequests * 0.001 + 1)

        service.setKnobs(SyntheticInferenceKnobs(errorRatio: 0.2, extraLatency: 0))
        clock.advance(by: .seconds(100))
        let after = try InferenceMetricsSnapshot(text: service.metricsText())
        let requests = after.totalRequests - before.totalRequests
        let errors = after.totalErrors - before.totalErrors
        #expect(requests == 1000)
        #expect(abs(errors / requests - 0.2) < 0.005)
        // Failed requests are counted both as errors and as status 500 requests.
        #expect(after.value("kthena_inference_requests_total", model: "llama-3-8b-instruct", extra: ("status_code", "500"))
            == after.value("kthena_inference_errors_total", model: "llama-3-8b-instruct"))
    }

    @Test("extra latency pushes most requests past the one-second bucket")
    func latencyKnob() throws {
        let clock = ManualClock()
        let service = SyntheticInferenceService(clock: clock)
        clock.advance(by: .seconds(60))
        let healthy = try InferenceMetricsSnapshot(text: service.metricsText())
        #expect(healthy.shareWithinOneSecond(since: nil) > 0.97)

        service.setKnobs(SyntheticInferenceKnobs(errorRatio: 0, extraLatency: 1.5))
        clock.advance(by: .seconds(60))
        let slow = try InferenceMetricsSnapshot(text: service.metricsText())
        #expect(slow.shareWithinOneSecond(since: healthy) == 0)
    }

    @Test("the same seed and clock give byte-identical metrics")
    func deterministic() {
        let first = ManualClock()
        let second = ManualClock()
        let a = SyntheticInferenceService(clock: first)
        let b = SyntheticInferenceService(clock: second)
        first.advance(by: .seconds(45))
        second.advance(by: .seconds(45))
        #expect(a.metricsText() == b.metricsText())
    }

    @Test("a repeated model id is served once")
    func repeatedModel() throws {
        let model = SyntheticModel(id: "m", requestsPerSecond: 1, medianLatency: 0.1, memoryBytes: 1, loadSeconds: 1)
        let service = SyntheticInferenceService(
            configuration: .init(models: [model, model]), clock: ManualClock())
        let snapshot = try InferenceMetricsSnapshot(text: service.metricsText())
        #expect(snapshot.modelIDs == ["m"])
        #expect(snapshot.samples.filter { $0.metricName == "kthena_model_load_failures_total" }.count == 1)
    }
}
