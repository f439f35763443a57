import Yams
import Testing
@testable import Monitoring

/// How request, error and latency metrics are recognised from metric metadata.
@Suite("Request metric conventions")
struct RequestMetricsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var families: [ScrapedMetricFamily]
        var expected: [RequestMetrics]
        var testDescription: String { name }
    }

    static let pattern = "5..|error|failed|failure"

    static let cases: [Case] = [
        Case(name: "Kthena: requests, a sibling errors counter, a latency histogram, model_id",
             families: KthenaScenario.metrics,
             expected: [
                RequestMetrics(prefix: "kthena_inference", requests: "kthena_inference_requests_total",
                               errors: .counter("kthena_inference_errors_total", hasDimension: true),
                               latencyHistogram: "kthena_inference_duration_seconds", dimension: "model_id"),
                RequestMetrics(prefix: "kthena_model_load_duration_seconds",
                               requests: "kthena_model_load_duration_seconds_count", errors: nil,
                               latencyHistogram: "kthena_model_load_duration_seconds", dimension: "model_id"),
             ]),
        Case(name: "OpenMetrics counter name without _total and a code label",
             families: [.init(name: "http_requests", kind: .counter, labelNames: ["code", "method"]),
                        .init(name: "http_request_duration_seconds", kind: .histogram, labelNames: ["le"])],
             expected: [
                RequestMetrics(prefix: "http", requests: "http_requests_total",
                               errors: .statusLabel("code", pattern: pattern),
                               latencyHistogram: "http_request_duration_seconds", dimension: nil),
             ]),
        Case(name: "any _total counter with a status label counts as requests",
             families: [.init(name: "rpc_calls_total", kind: .counter, labelNames: ["status"])],
             expected: [
                RequestMetrics(prefix: "rpc_calls", requests: "rpc_calls_total",
                               errors: .statusLabel("status", pattern: pattern), latencyHistogram: nil, dimension: nil),
             ]),
        Case(name: "an errors counter without the breakdown label cannot be broken down",
             families: [.init(name: "api_requests_total", kind: .counter, labelNames: ["model"]),
                        .init(name: "api_failures_total", kind: .counter)],
             expected: [
                RequestMetrics(prefix: "api", requests: "api_requests_total",
                               errors: .counter("api_failures_total", hasDimension: false),
                               latencyHistogram: nil, dimension: "model"),
             ]),
        Case(name: "counters, gauges and summaries without the conventions give nothing",
             families: [.init(name: "process_cpu_seconds_total", kind: .counter),
                        .init(name: "queue_depth", kind: .gauge, labelNames: ["model_id"]),
                        .init(name: "rpc_duration_seconds", kind: .summary),
                        .init(name: "payload_bytes", kind: .histogram)],
             expected: []),
    ]

    @Test("recognises services by naming conventions", arguments: cases)
    func detects(_ testCase: Case) {
        let found = RequestMetrics.detect(in: testCase.families, dimensionLabels: ["model_id", "model"],
                                          errorStatusPattern: Self.pattern)
        #expect(found == testCase.expected)
    }

    @Test("the targets dashboard selects a ServiceMonitor's targets by namespace and endpoint", arguments: [
        (DashboardVariety.monitors[0], #"up{namespace="team-a", endpoint=~"metrics|web"}"#),
        (DashboardVariety.monitors[1], #"up{endpoint="9090"}"#),
        (DashboardVariety.monitors[2], #"up{namespace=~"payments|payments-canary"}"#),
    ])
    func targetSelector(monitorYAML: String, expected: String) throws {
        let subject = TargetsDashboardSubject(monitor: try ServiceMonitor(yaml: monitorYAML), uid: "x", services: [])
        #expect(subject.selector("up") == expected)
    }

    @Test("a status label gives an error ratio on that label, counting a missing error series as zero")
    func statusLabelErrorRatio() throws {
        let dashboards = try DashboardGenerator.dashboards(for: DashboardVariety.inputs())
        let targets = try #require(dashboards.first { $0.title == "Targets / team-a / checkout" })
        let ratio = try #require(targets.model.panels.first { $0.title == "Error ratio" }?.targets?.first?.expr)
        #expect(ratio == #"(sum(rate(http_requests_total{namespace="team-a", endpoint=~"metrics|web", "#
            + #"code=~"5..|error|failed|failure"}[$__rate_interval])) or 0 * sum(rate(http_requests_total{"#
            + #"namespace="team-a", endpoint=~"metrics|web"}[$__rate_interval]))) / sum(rate(http_requests_total{"#
            + #"namespace="team-a", endpoint=~"metrics|web"}[$__rate_interval]))"#)
    }

    @Test("a ServiceMonitor with its own metric list ignores the shared one")
    func perMonitorMetrics() throws {
        let dashboards = try DashboardGenerator.dashboards(for: DashboardVariety.inputs())
        let long = try #require(dashboards.first { $0.title.hasPrefix("Targets / payments / an-unusually") })
        #expect(long.model.panels.filter(\.isRow).map(\.title) == ["Scrape targets"])
    }
}

/// Metric families guessed from queries, for dashboards generated before any scrape.
@Suite("Metric families inferred from queries")
struct MetricInferenceTests {
    /// The SLI queries of the Kthena ServiceLevels and the expressions of the Kthena rules.
    static func kthenaQueries() throws -> [String] {
        var queries: [String] = []
        for manifest in try KthenaScenario.serviceLevels() {
            guard case .serviceLevel(let object) = manifest, let events = object.spec.sli.events else { continue }
            queries += [events.errorQuery, events.totalQuery]
        }
        let rules = try #require(try Yams.compose(yaml: KthenaScenario.read("kthena-prometheusrules.yaml")))
        for group in rules["spec"]?["groups"]?.sequence ?? [] {
            for rule in group["rules"]?.sequence ?? [] {
                if let expr = rule["expr"]?.string { queries.append(expr) }
            }
        }
        return queries
    }

    @Test("the Kthena SLO and alert queries name the inference metrics and their model_id label")
    func kthenaFamilies() throws {
        let families = ScrapedMetricFamily.inferred(fromQueries: try Self.kthenaQueries())
        #expect(families == [
            .init(name: "kthena_inference_duration_seconds", kind: .histogram, labelNames: ["le", "model_id"]),
            .init(name: "kthena_inference_errors_total", kind: .counter, labelNames: ["model_id"]),
            .init(name: "kthena_inference_requests_total", kind: .counter, labelNames: ["model_id"]),
            .init(name: "kthena_model_load_failures_total", kind: .counter, labelNames: []),
        ])
    }

    @Test("inferred families give the targets dashboard its request, error and latency panels")
    func inferredDashboard() throws {
        var inputs = try KthenaScenario.inputs()
        inputs.metrics = ScrapedMetricFamily.inferred(fromQueries: try Self.kthenaQueries())
        let targets = try #require(DashboardGenerator.dashboards(for: inputs).first { $0.kind == .targets })
        let titles = targets.model.panels.map(\.title)
        for title in ["Request rate", "Latency p95", "Error ratio", "Request rate by model_id",
                      "Error ratio by model_id", "Latency p50 / p95 / p99", "Request rate ($model_id)"] {
            #expect(titles.contains(title), "\(title)")
        }
    }

    @Test("gauges, counters without _total under rate, summaries' parts and unparsable queries", arguments: [
        (["queue_depth{model=\"a\"} > 3"],
         [ScrapedMetricFamily(name: "queue_depth", kind: .gauge, labelNames: ["model"])]),
        (["sum by (code) (rate(http_requests[5m]))"],
         [ScrapedMetricFamily(name: "http_requests", kind: .counter, labelNames: ["code"])]),
        (["rate(rpc_seconds_sum[5m]) / rate(rpc_seconds_count[5m])"],
         [ScrapedMetricFamily(name: "rpc_seconds_count", kind: .counter, labelNames: []),
          ScrapedMetricFamily(name: "rpc_seconds_sum", kind: .counter, labelNames: [])]),
        (["sum(", "slo:sli_error:ratio_rate5m > 0", "up == 0"], []),
    ])
    func edgeCases(queries: [String], expected: [ScrapedMetricFamily]) {
        #expect(ScrapedMetricFamily.inferred(fromQueries: queries) == expected)
    }
}
