import Foundation

/// One side-by-side run: files served by a static file server, jobs scraping them, and how
/// long both scrapers run.
struct SideBySideScenario {
    /// One scrape job: `targets` targets (told apart by a `shard` label) on the same file.
    struct Job {
        var name: String
        var file: String
        var targets = 1
    }

    var name: String
    var interval: Duration
    var window: Duration
    /// File name → contents.
    var files: [String: [UInt8]]
    var jobs: [Job]

    /// (a) The inputs of Prometheus's own parser benchmark, scraped every 200 ms.
    static func parse(window: Duration, shared: URL) throws -> SideBySideScenario {
        let inputs = ["promtestdata.txt", "benchmark/alltypes.237mfs.prom.txt"]
        var files: [String: [UInt8]] = [:]
        var jobs: [Job] = []
        for (index, input) in inputs.enumerated() {
            let file = "parse\(index).txt"
            files[file] = Array(try Data(contentsOf: shared.appendingPathComponent("conformance/textparse/\(input)")))
            jobs.append(Job(name: "parse_\(index)", file: file))
        }
        return SideBySideScenario(name: "parse", interval: .milliseconds(200), window: window, files: files, jobs: jobs)
    }

    /// (b) One target with 100,000 series, scraped every second (240 s ≈ 240 samples per
    /// series, as 1 h at 15 s).
    static func memory(window: Duration) -> SideBySideScenario {
        SideBySideScenario(name: "memory", interval: .seconds(1), window: window,
                           files: ["series100k.txt": syntheticBody(metrics: 100, instances: 1000)],
                           jobs: [Job(name: "memory", file: "series100k.txt")])
    }

    /// (c) `targets` targets of 1,000 series each, every 15 s.
    static func fleet(window: Duration, targets: Int) -> SideBySideScenario {
        SideBySideScenario(name: "fleet", interval: .seconds(15), window: window,
                           files: ["series1k.txt": syntheticBody(metrics: 20, instances: 50)],
                           jobs: [Job(name: "fleet", file: "series1k.txt", targets: targets)])
    }

    /// `metrics × instances` gauge series with exporter-like labels and fixed values.
    static func syntheticBody(metrics: Int, instances: Int) -> [UInt8] {
        var text = ""
        text.reserveCapacity(metrics * instances * 90)
        for metric in 0..<metrics {
            text += "# HELP bench_metric_\(metric) A synthetic gauge.\n# TYPE bench_metric_\(metric) gauge\n"
            for instance in 0..<instances {
                let code = ["200", "404", "500"][instance % 3]
                text += "bench_metric_\(metric){pod=\"checkout-\(instance)\",namespace=\"shop\",code=\"\(code)\"} "
                text += "\(Double(metric * instances + instance) * 1.5)\n"
            }
        }
        return Array(text.utf8)
    }

    /// The Prometheus configuration (JSON, which its YAML loader accepts) for `address`.
    func prometheusConfig(address: String) throws -> Data {
        let interval = Self.text(self.interval)
        let scrapeConfigs: [[String: Any]] = jobs.map { job in
            let groups: [[String: Any]] = job.targets == 1
                ? [["targets": [address]]]
                : (0..<job.targets).map { ["targets": [address], "labels": ["shard": "\($0)"]] }
            return ["job_name": job.name, "metrics_path": "/\(job.file)", "scrape_interval": interval,
                    "scrape_timeout": interval, "static_configs": groups]
        }
        let config: [String: Any] = [
            "global": ["scrape_interval": interval, "evaluation_interval": "1h"],
            "scrape_configs": scrapeConfigs,
        ]
        return try JSONSerialization.data(withJSONObject: config, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    /// `200ms`, `15s`.
    static func text(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000)s" : "\(milliseconds)ms"
    }
}
