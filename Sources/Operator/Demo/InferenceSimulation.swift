import Exposition
import Foundation

/// The synthetic Kthena traffic: a deterministic request generator that turns elapsed time
/// and the current knobs into `kthena_*` counters, gauges and histograms.
///
/// Time only moves forward through ``advance(to:)``, so a test drives it with a manual
/// clock and a server advances it to "now" before every scrape. Requests arrive evenly at
/// each model's rate; the error ratio is applied exactly (an accumulator, not chance) so
/// a changed knob shows up in the very next window; durations are log-normal around the
/// model's median from a seeded generator, plus the extra latency.
struct InferenceSimulation: Sendable {
    /// Durations in seconds; includes `1` so the latency objective's `le="1"` exists.
    static let durationBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]
    static let requestSizeBuckets = [256.0, 1024, 4096, 16384, 65536]
    static let responseSizeBuckets = [1024.0, 4096, 16384, 65536, 262_144]
    /// A gap longer than this is simulated as only its last part, so a process that was
    /// suspended for a day does not spend seconds generating a day of requests at once.
    static let longestSimulatedGap: Duration = .seconds(3600)

    private(set) var knobs: SyntheticInferenceKnobs
    private(set) var elapsed: Duration = .zero
    private(set) var models: [ModelTraffic]
    private var random: SplitMix64

    /// A model whose id repeats an earlier one is dropped: two would write the same series.
    init(models: [SyntheticModel], knobs: SyntheticInferenceKnobs, seed: UInt64) {
        var seen: Set<String> = []
        self.models = models.filter { seen.insert($0.id).inserted }.map(ModelTraffic.init)
        self.knobs = knobs
        self.random = SplitMix64(seed: seed)
    }

    /// Generates the requests that arrived between the last call and `time` (time since
    /// the simulation started) under the current knobs. Earlier times are ignored.
    mutating func advance(to time: Duration) {
        guard time > elapsed else { return }
        let gap = min(time - elapsed, Self.longestSimulatedGap)
        elapsed = time
        let seconds = Double(gap.components.seconds) + Double(gap.components.attoseconds) * 1e-18
        for index in models.indices {
            models[index].arrivalsOwed += models[index].profile.requestsPerSecond * seconds
            let arrivals = Int(models[index].arrivalsOwed)
            models[index].arrivalsOwed -= Double(arrivals)
            for _ in 0..<arrivals {
                serveOneRequest(model: index)
            }
        }
    }

    /// Changes the knobs from now on; call ``advance(to:)`` first so the time before the
    /// change is generated with the old ones.
    mutating func setKnobs(_ knobs: SyntheticInferenceKnobs) {
        self.knobs = knobs
    }

    private mutating func serveOneRequest(model index: Int) {
        models[index].errorsOwed += knobs.errorRatio
        let failed = models[index].errorsOwed >= 1
        if failed {
            models[index].errorsOwed -= 1
            models[index].errors += 1
        } else {
            models[index].successes += 1
        }
        let spread = exp(0.45 * random.nextGaussian())
        let duration = models[index].profile.medianLatency * spread + knobs.extraLatency
        models[index].duration.observe(duration)
        models[index].requestSize.observe(700 + 3000 * random.nextUnit())
        models[index].responseSize.observe(failed ? 120 : 1500 + 12000 * random.nextUnit())
    }

    /// Every `kthena_*` family with its current values, in a fixed order.
    func families() -> [MetricFamily] {
        func perModel(_ name: String, extra: [String: String] = [:], _ value: (ModelTraffic) -> Double) -> [ExpositionSample] {
            models.map { model in
                var labels = extra
                labels[Labels.metricNameLabel] = name
                labels["model_id"] = model.profile.id
                return ExpositionSample(labels: Labels(labels), value: value(model))
            }
        }
        return [
            MetricFamily(
                name: "kthena_inference_requests_total", type: .counter, help: "Inference requests by model and HTTP status code.",
                samples: perModel("kthena_inference_requests_total", extra: ["status_code": "200"]) { Double($0.successes) }
                    + perModel("kthena_inference_requests_total", extra: ["status_code": "500"]) { Double($0.errors) }),
            MetricFamily(
                name: "kthena_inference_errors_total", type: .counter, help: "Inference requests that failed.",
                samples: perModel("kthena_inference_errors_total", extra: ["error_type": "internal"]) { Double($0.errors) }),
            histogramFamily("kthena_inference_duration_seconds", help: "Inference request duration in seconds.", \.duration),
            histogramFamily("kthena_inference_request_size_bytes", help: "Inference request body size in bytes.", \.requestSize),
            histogramFamily("kthena_inference_response_size_bytes", help: "Inference response body size in bytes.", \.responseSize),
            MetricFamily(
                name: "kthena_model_status", type: .gauge, help: "1 if the model is loaded and serving.",
                samples: perModel("kthena_model_status") { _ in 1 }),
            MetricFamily(
                name: "kthena_model_memory_usage_bytes", type: .gauge, help: "Memory held by the loaded model in bytes.",
                samples: perModel("kthena_model_memory_usage_bytes") { $0.profile.memoryBytes.rounded() }),
            MetricFamily(
                name: "kthena_model_load_duration_seconds", type: .gauge, help: "Seconds the last model load took.",
                samples: perModel("kthena_model_load_duration_seconds") { $0.profile.loadSeconds }),
            MetricFamily(
                name: "kthena_model_load_failures_total", type: .counter, help: "Model loads that failed.",
                samples: perModel("kthena_model_load_failures_total") { _ in 0 }),
        ]
    }

    private func histogramFamily(
        _ name: String, help: String, _ histogram: KeyPath<ModelTraffic, SimulatedHistogram>
    ) -> MetricFamily {
        MetricFamily(
            name: name, type: .histogram, help: help,
            samples: models.flatMap { $0[keyPath: histogram].samples(name: name, labels: ["model_id": $0.profile.id]) })
    }
}

/// What one model has served so far.
struct ModelTraffic: Sendable {
    let profile: SyntheticModel
    var arrivalsOwed = 0.0
    var errorsOwed = 0.0
    var successes = 0
    var errors = 0
    var duration = SimulatedHistogram(bounds: InferenceSimulation.durationBuckets)
    var requestSize = SimulatedHistogram(bounds: InferenceSimulation.requestSizeBuckets)
    var responseSize = SimulatedHistogram(bounds: InferenceSimulation.responseSizeBuckets)

    init(profile: SyntheticModel) {
        self.profile = profile
    }
}
