import Foundation
import PromQL
import TSDB
@testable import Monitoring

/// Three hours of synthetic Kthena scrapes in a `TimeSeriesStore`, plus what the SLO rules
/// generated for the examples record over that time (and the `ALERTS` series of the alerts
/// that fire), evaluated with Vigil's PromQL engine the way a rule group would.
///
/// Two healthy targets (default, production) serve two models; a third (staging) is down.
/// 2% of requests fail (the availability SLO burns at 20x: its page alert fires) and 3% take
/// longer than 1s (the latency SLO burns at 0.6x: nothing fires).
struct KthenaDemoData: Sendable {
    static let start: Milliseconds = 1_700_000_000_000
    static let end: Milliseconds = start + 3 * 3_600_000
    static let scrapeInterval: Milliseconds = 15_000
    static let ruleInterval: Milliseconds = 300_000
    static let models = ["llama-3-8b", "mistral-7b"]

    let store: TimeSeriesStore
    let engine = Engine()

    /// Built once per test process (about 60 k samples and a few thousand rule evaluations).
    static let shared: Result<KthenaDemoData, any Error> = Result { try KthenaDemoData() }

    private struct Target {
        var namespace: String, pod: String, instance: String, up: Bool, index: Int
        var labels: [String: String] {
            ["job": "kthena", "service": "kthena", "endpoint": "metrics", "container": "server",
             "namespace": namespace, "pod": pod, "instance": instance]
        }
    }

    private static let targets = [
        Target(namespace: "default", pod: "kthena-a-0", instance: "10.0.0.1:8080", up: true, index: 0),
        Target(namespace: "production", pod: "kthena-b-0", instance: "10.0.0.2:8080", up: true, index: 1),
        Target(namespace: "staging", pod: "kthena-c-0", instance: "10.0.0.3:8080", up: false, index: 2),
    ]

    /// Share of requests at or below each latency bucket bound.
    private static let latencyBuckets: [(String, Double)] = [
        ("0.1", 0.30), ("0.5", 0.80), ("1", 0.97), ("2.5", 0.99), ("5", 0.995), ("+Inf", 1.0),
    ]
    private static let loadBuckets: [(String, Double)] = [("1", 0.2), ("10", 0.7), ("30", 0.95), ("+Inf", 1.0)]

    init() throws {
        store = TimeSeriesStore()
        try writeScrapes()
        let manifests = try KthenaScenario.serviceLevels()
        let result = SLORuleGenerator.generate(manifests: manifests, options: .vigil)
        guard result.failures.isEmpty else { throw DemoDataError.invalidSLO("\(result.failures)") }
        try evaluateRules(result.rules)
    }

    private func writeScrapes() throws {
        var appender = store.appender()
        var time = Self.start
        while time <= Self.end {
            let seconds = Double(time - Self.start) / 1000
            for target in Self.targets {
                try append(&appender, "up", target.labels, time, target.up ? 1 : 0)
                try append(&appender, "scrape_duration_seconds", target.labels, time,
                           0.02 + 0.01 * Double(target.index))
                try append(&appender, "scrape_samples_scraped", target.labels, time, target.up ? 120 : 0)
                try append(&appender, "scrape_series_added", target.labels, time, seconds == 0 && target.up ? 120 : 0)
                guard target.up else { continue }
                for (modelIndex, model) in Self.models.enumerated() {
                    var labels = target.labels
                    labels["model_id"] = model
                    let requests = (10 + 5 * Double(target.index) + 3 * Double(modelIndex)) * seconds
                    try append(&appender, "kthena_inference_requests_total", labels, time, requests)
                    try append(&appender, "kthena_inference_errors_total",
                               labels.merging(["error_type": "timeout"]) { $1 }, time, 0.02 * requests)
                    try appendHistogram(&appender, "kthena_inference_duration_seconds", labels, time,
                                        count: requests, sum: 0.4 * requests, buckets: Self.latencyBuckets)
                    let loads = 0.01 * seconds
                    try appendHistogram(&appender, "kthena_model_load_duration_seconds", labels, time,
                                        count: loads, sum: 8 * loads, buckets: Self.loadBuckets)
                }
            }
            time += Self.scrapeInterval
        }
        appender.commit()
    }

    private func appendHistogram(_ appender: inout HeadAppender, _ name: String, _ labels: [String: String],
                                 _ time: Milliseconds, count: Double, sum: Double,
                                 buckets: [(String, Double)]) throws {
        for (bound, share) in buckets {
            try append(&appender, name + "_bucket", labels.merging(["le": bound]) { $1 }, time, share * count)
        }
        try append(&appender, name + "_count", labels, time, count)
        try append(&appender, name + "_sum", labels, time, sum)
    }

    private func append(_ appender: inout HeadAppender, _ name: String, _ labels: [String: String],
                        _ time: Milliseconds, _ value: Double) throws {
        try appender.append(Labels(labels.merging(["__name__": name]) { $1 }), t: time, v: value)
    }

    /// Evaluates every group in order at every rule interval, as Prometheus would: each
    /// rule's output is committed before the next rule runs, so later rules see it.
    private func evaluateRules(_ file: SLORuleFile) throws {
        var time = Self.start + 10 * 60_000
        while time <= Self.end {
            for group in file.groups {
                for rule in group.rules {
                    try evaluate(rule, at: time)
                }
            }
            time += Self.ruleInterval
        }
    }

    private func evaluate(_ rule: SLORule, at time: Milliseconds) throws {
        let value: Value
        do {
            value = try engine.instantQuery(rule.expr, at: time, on: store)
        } catch {
            throw DemoDataError.ruleFailed(rule: rule.name, expr: rule.expr, message: "\(error)")
        }
        guard case .vector(let samples) = value else { return }
        var appender = store.appender()
        for sample in samples {
            var labels = Dictionary(uniqueKeysWithValues: sample.labels.pairs.map { ($0.name, $0.value) })
            labels.removeValue(forKey: "__name__")
            labels.merge(rule.labels) { $1 }
            switch rule.kind {
            case .recording(let record):
                labels["__name__"] = record
            case .alerting(let alert):
                labels.merge(["__name__": "ALERTS", "alertname": alert, "alertstate": "firing"]) { $1 }
            }
            try appender.append(Labels(labels), t: time, v: rule.kind.isAlert ? 1 : sample.value)
        }
        appender.commit()
    }
}

extension SLORule.Kind {
    var isAlert: Bool {
        if case .alerting = self { return true }
        return false
    }
}

enum DemoDataError: Error, CustomStringConvertible {
    case invalidSLO(String)
    case ruleFailed(rule: String, expr: String, message: String)

    var description: String {
        switch self {
        case .invalidSLO(let text): "example SLOs are invalid: \(text)"
        case .ruleFailed(let rule, let expr, let message): "rule \(rule) failed: \(message)\n\(expr)"
        }
    }
}
