import TSDB
import Testing
@testable import Scrape

@Suite("Scrape targets")
struct ScrapeTargetTests {
    private let options = ScrapeOptions(jobName: "api", interval: .seconds(30), timeout: .seconds(10))

    @Test("defaults are filled in as Prometheus' PopulateLabels does")
    func defaults() throws {
        let target = try #require(try ScrapeTarget.make(
            discovered: TSDB.Labels(["__address__": "10.0.0.1:8080", "__meta_kubernetes_pod_name": "p"]),
            options: options))
        #expect(target.labels == TSDB.Labels([
            "__address__": "10.0.0.1:8080", "__scheme__": "http", "__metrics_path__": "/metrics",
            "__scrape_interval__": "30s", "__scrape_timeout__": "10s", "job": "api", "instance": "10.0.0.1:8080",
        ]))
        #expect(target.targetLabels == TSDB.Labels(["job": "api", "instance": "10.0.0.1:8080"]))
        #expect(target.url == "http://10.0.0.1:8080/metrics")
        #expect(target.interval == .seconds(30))
        #expect(target.timeout == .seconds(10))
    }

    @Test("a missing port gets the scheme's default, and instance follows the address")
    func defaultPort() throws {
        var https = options
        https.scheme = "https"
        #expect(try ScrapeTarget.make(discovered: TSDB.Labels(["__address__": "example.com"]), options: https)?
            .labels["instance"] == "example.com:443")
        #expect(try ScrapeTarget.make(discovered: TSDB.Labels(["__address__": "example.com"]), options: options)?
            .url == "http://example.com:80/metrics")
        #expect(try ScrapeTarget.make(discovered: TSDB.Labels(["__address__": "[::1]:9090"]), options: options)?
            .address == "[::1]:9090")
    }

    @Test("params become __param_ labels and a sorted, escaped query")
    func params() throws {
        var withParams = options
        withParams.params = ["module": ["http_2xx"], "target": ["https://x.org/a b"]]
        let target = try #require(try ScrapeTarget.make(discovered: TSDB.Labels(["__address__": "probe:9115"]),
                                                        options: withParams))
        #expect(target.labels["__param_module"] == "http_2xx")
        #expect(target.url == "http://probe:9115/metrics?module=http_2xx&target=https%3A%2F%2Fx.org%2Fa+b")
    }

    @Test("every value of a multi-valued param is in the URL; relabeling replaces only the first")
    func multiValuedParams() throws {
        var withParams = options
        withParams.params = ["target": ["a b&c=d", "x/y"], "module": ["icmp"]]
        let target = try #require(try ScrapeTarget.make(discovered: TSDB.Labels(["__address__": "probe:9115"]),
                                                        options: withParams))
        #expect(target.url == "http://probe:9115/metrics?module=icmp&target=a+b%26c%3Dd&target=x%2Fy")
        withParams.relabelConfigs = [
            try RelabelConfig(targetLabel: "__param_target", replacement: "first"),
            try RelabelConfig(targetLabel: "__param_extra", replacement: "1"),
        ]
        let relabeled = try #require(try ScrapeTarget.make(discovered: TSDB.Labels(["__address__": "probe:9115"]),
                                                           options: withParams))
        #expect(relabeled.url == "http://probe:9115/metrics?extra=1&module=icmp&target=first&target=x%2Fy")
    }

    @Test("relabeling can set path, scheme and interval, or drop the target")
    func relabeling() throws {
        var relabeled = options
        relabeled.relabelConfigs = [
            try RelabelConfig(sourceLabels: ["__meta_path"], targetLabel: "__metrics_path__"),
            try RelabelConfig(targetLabel: "__scrape_interval__", replacement: "1m"),
            try RelabelConfig(action: .labelMap, regex: "__meta_label_(.+)"),
            try RelabelConfig(action: .keep, sourceLabels: ["__meta_keep"], regex: "true"),
        ]
        let target = try #require(try ScrapeTarget.make(
            discovered: TSDB.Labels(["__address__": "a:1", "__meta_path": "/probe", "__meta_label_app": "web",
                                     "__meta_keep": "true"]),
            options: relabeled))
        #expect(target.url == "http://a:1/probe")
        #expect(target.interval == .seconds(60))
        #expect(target.targetLabels == TSDB.Labels(["job": "api", "instance": "a:1", "app": "web"]))
        #expect(try ScrapeTarget.make(discovered: TSDB.Labels(["__address__": "a:1"]), options: relabeled) == nil)
    }

    @Test("unscrapable targets fail with Prometheus' reason", arguments: [
        (["job": "x"], "no address"),
        (["__address__": "a/b"], "\"a/b\" is not a valid hostname"),
        (["__address__": "a:1", "__scrape_timeout__": "2m"],
         "scrape timeout cannot be greater than scrape interval (\"2m\" > \"30s\")"),
        (["__address__": "a:1", "__scrape_interval__": "soon"],
         "error parsing interval: not a valid duration string: \"soon\""),
    ])
    func invalid(labels: [String: String], message: String) {
        #expect(throws: TargetError(message)) {
            try ScrapeTarget.make(discovered: TSDB.Labels(labels), options: options)
        }
    }

    @Test("Prometheus durations parse and print", arguments: [
        ("15s", Duration.seconds(15)), ("1m", .seconds(60)), ("1m30s", .seconds(90)), ("500ms", .milliseconds(500)),
        ("1h", .seconds(3600)), ("2d", .seconds(172_800)), ("1w", .seconds(604_800)),
    ])
    func durations(text: String, duration: Duration) {
        #expect(PrometheusDuration.parse(text) == duration)
        #expect(PrometheusDuration.format(duration) == text)
    }

    @Test("malformed durations are rejected", arguments: ["", "15", "s", "1.5s", "-1s", "1x", "99999999999999999999s"])
    func badDurations(text: String) {
        #expect(PrometheusDuration.parse(text) == nil)
    }

    @Test("request headers carry the timeout in seconds and credentials")
    func requestHeaders() {
        let request = ScrapeRequest(url: "http://a:1/metrics", timeout: .milliseconds(2_500),
                                    authorization: .basic(username: "user", password: "pa:ss"))
        let headers = Dictionary(request.headers.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        #expect(headers["X-Prometheus-Scrape-Timeout-Seconds"] == "2.5")
        #expect(headers["Authorization"] == "Basic dXNlcjpwYTpzcw==")
        #expect(ScrapeAuthorization.bearer(token: "t0k").headerValue == "Bearer t0k")
        #expect(headers["Accept"] == "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1")
    }

    @Test("base64 matches RFC 4648 test vectors", arguments: [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ])
    func base64(input: String, expected: String) {
        #expect(Base64.encode(Array(input.utf8)) == expected)
    }
}
