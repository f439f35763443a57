import Exposition

/// Parsed `/metrics` output with the look-ups the synthetic service's tests need.
struct InferenceMetricsSnapshot {
    let families: [MetricFamily]

    init(_ families: [MetricFamily]) {
        self.families = families
    }

    init(text: String) throws {
        self.init(try Self.parse(text))
    }

    static func parse(_ text: String) throws -> [MetricFamily] {
        var parser = TextParser(text)
        return try MetricFamily.collect(from: &parser)
    }

    var samples: [ExpositionSample] { families.flatMap(\.samples) }

    var modelIDs: Set<String> { Set(samples.compactMap { $0.labels["model_id"] }) }

    /// Every counter sample (and histogram count, bucket and sum) keyed by its series.
    var counterValues: [String: Double] {
        var values: [String: Double] = [:]
        for family in families where family.type == .counter || family.type == .histogram {
            for sample in family.samples { values[sample.labels.description] = sample.value }
        }
        return values
    }

    func value(_ name: String, model: String, extra: (String, String)? = nil) -> Double {
        samples.filter { sample in
            sample.metricName == name && sample.labels["model_id"] == model
                && extra.map { sample.labels[$0.0] == $0.1 } ?? true
        }.reduce(0) { $0 + $1.value }
    }

    func requests(model: String) -> Double { value("kthena_inference_requests_total", model: model) }

    var totalRequests: Double { modelIDs.reduce(0) { $0 + requests(model: $1) } }

    var totalErrors: Double { modelIDs.reduce(0) { $0 + value("kthena_inference_errors_total", model: $1) } }

    func durationBuckets(model: String) -> [(le: String, count: Double)] {
        samples.filter { $0.metricName == "kthena_inference_duration_seconds_bucket" && $0.labels["model_id"] == model }
            .map { (le: $0.labels["le"] ?? "", count: $0.value) }
    }

    /// The share of requests since `earlier` (or since the start) that took at most 1 s.
    func shareWithinOneSecond(since earlier: InferenceMetricsSnapshot?) -> Double {
        func totals(_ snapshot: InferenceMetricsSnapshot) -> (fast: Double, all: Double) {
            snapshot.modelIDs.reduce((0, 0)) { sum, model in
                let fast = snapshot.durationBuckets(model: model).first { $0.le == "1" }?.count ?? 0
                return (sum.0 + fast, sum.1 + snapshot.value("kthena_inference_duration_seconds_count", model: model))
            }
        }
        let now = totals(self)
        let then = earlier.map(totals) ?? (fast: 0, all: 0)
        return (now.fast - then.fast) / (now.all - then.all)
    }
}
