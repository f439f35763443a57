#if canImport(AsyncHTTPClient)
import Foundation
import Scrape
import TSDB
import Testing
import VigilTestSupport

/// Compares what Prometheus and Vigil stored for one job (see ``DifferentialScrapeTests``
/// for what is compared and which differences are accepted).
struct DifferentialComparison {
    let prometheus: PrometheusProcess
    let vigil: DifferentialScrapeTests.VigilRun
    /// The query range, in seconds since the epoch.
    let start: Double
    let end: Double

    static let reportSeries = [
        "up", "scrape_samples_scraped", "scrape_samples_post_metric_relabeling", "scrape_series_added",
    ]
    /// node_exporter only: the share of series that may be seen by one scraper only.
    static let seriesTolerance = 0.01
    /// node_exporter only: the relative difference allowed in sample counts.
    static let countTolerance = 0.02

    func compare(_ job: DifferentialJob) async throws {
        try await compareSeries(job)
        for name in Self.reportSeries { try await compareMedian(name, job) }
        try await compareLargestSeriesAdded(job)
        try await compareHealth(job)
        print(summary(job))  // test output: what was compared, for CI logs
    }

    /// One line of what Vigil saw for `job` (Prometheus agreed unless an issue was recorded).
    private func summary(_ job: DifferentialJob) -> String {
        let latest = Self.reportSeries.map { name in
            "\(name)=\(Self.text(vigilPoints(name, job).last(where: { !$0.v.isNaN })?.v))"
        }
        let health = vigil.health[job.name]
        return "job \(job.name): \(vigilSeries(job).count) series, \(health?.scrapeCount ?? 0) scrapes, "
            + latest.joined(separator: " ") + ", \(health?.state.rawValue ?? "?")"
    }

    // MARK: Series sets

    private func compareSeries(_ job: DifferentialJob) async throws {
        let expected = try await prometheus.series(job.selector, start: start, end: end)
        let actual = vigilSeries(job)
        let onlyPrometheus = expected.subtracting(actual)
        let onlyVigil = actual.subtracting(expected)
        let detail = "job \(job.name): only in Prometheus \(Self.sample(onlyPrometheus)); only in Vigil \(Self.sample(onlyVigil))"
        if job.isDeterministic {
            #expect(onlyPrometheus.isEmpty && onlyVigil.isEmpty, "\(detail)")
        } else {
            let names = { (set: Set<[String: String]>) in Set(set.compactMap { $0["__name__"] }) }
            #expect(names(expected) == names(actual), "\(detail)")
            let differing = Double(onlyPrometheus.count + onlyVigil.count)
            #expect(differing <= Self.seriesTolerance * Double(max(expected.count, 1)), "\(detail)")
            print("tolerated (changing target): \(detail)")  // test output
        }
        #expect(!expected.isEmpty, "job \(job.name): Prometheus stored nothing")
    }

    private func vigilSeries(_ job: DifferentialJob) -> Set<[String: String]> {
        guard let matcher = try? LabelMatcher(.equal, "job", job.name) else { return [] }
        let found = vigil.store.querier(mint: .min, maxt: .max).select([matcher])
        return Set(found.map { series in
            Dictionary(series.labels.pairs.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        })
    }

    private static func sample(_ set: Set<[String: String]>) -> String {
        let shown = set.prefix(5).map { labels in
            "{" + labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }.joined(separator: ",") + "}"
        }
        return set.isEmpty ? "none" : "\(set.count): " + shown.joined(separator: " ") + (set.count > 5 ? " …" : "")
    }

    // MARK: Synthetic series

    /// Compares the median over the run rather than the last value: on a loaded machine
    /// (tests run in parallel on two cores) a single scrape may time out in one scraper
    /// only, and that must not decide the comparison.
    private func compareMedian(_ name: String, _ job: DifferentialJob) async throws {
        let range = Int((end - start).rounded(.up))
        let query = "quantile_over_time(0.5, \(name)\(job.selector)[\(range)s])"
        let expected = try await prometheus.query(query, at: end).values.first
        let actual = Self.median(vigilPoints(name, job).map(\.v).filter { !$0.isNaN })
        let detail = "job \(job.name): median \(name) is \(Self.text(expected)) in Prometheus, \(Self.text(actual)) in Vigil"
        if job.isDeterministic || name == "up" {
            #expect(expected == actual, "\(detail)")
        } else if let expected, let actual {
            #expect(abs(expected - actual) <= Self.countTolerance * max(expected, 1), "\(detail)")
        } else {
            Issue.record("\(detail)")
        }
    }

    /// The 0.5 quantile as PromQL's `quantile_over_time` computes it (linear interpolation
    /// between the two middle values).
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = 0.5 * Double(sorted.count - 1)
        let lower = Int(rank.rounded(.down)), upper = Int(rank.rounded(.up))
        let weight = rank - Double(lower)
        return sorted[lower] * (1 - weight) + sorted[upper] * weight
    }

    private func compareLargestSeriesAdded(_ job: DifferentialJob) async throws {
        let query = "max_over_time(scrape_series_added\(job.selector)[5m])"
        let expected = try await prometheus.query(query, at: end).values.first
        let actual = vigilPoints("scrape_series_added", job).filter { !$0.v.isNaN }.map(\.v).max()
        let detail = "job \(job.name): largest scrape_series_added is \(Self.text(expected)) in Prometheus, "
            + "\(Self.text(actual)) in Vigil"
        if job.isDeterministic {
            #expect(expected == actual, "\(detail)")
        } else if let expected, let actual {
            #expect(abs(expected - actual) <= Self.countTolerance * max(expected, 1), "\(detail)")
        }
    }

    private func vigilPoints(_ name: String, _ job: DifferentialJob) -> [Point] {
        guard let byName = try? LabelMatcher(.equal, TSDB.Labels.metricName, name),
              let byJob = try? LabelMatcher(.equal, "job", job.name) else { return [] }
        return vigil.store.querier(mint: .min, maxt: .max).select([byName, byJob]).first?.points ?? []
    }

    private static func text(_ value: Double?) -> String { value.map { "\($0)" } ?? "absent" }

    // MARK: Health and errors

    private func compareHealth(_ job: DifferentialJob) async throws {
        let statuses = try await prometheus.targets().filter { $0.job == job.name }
        let expected = try #require(statuses.first, "job \(job.name): Prometheus has no such target")
        let actual = try #require(vigil.health[job.name], "job \(job.name): Vigil has no such target")
        #expect(expected.scrapeURL == actual.target.url, "job \(job.name)")
        let vigilError = actual.lastError?.description ?? ""
        let detail = "job \(job.name): Prometheus: \(expected.health) \"\(expected.lastError)\"; "
            + "Vigil: \(actual.state.rawValue) \"\(vigilError)\""
        guard expected.health == actual.state.rawValue else {
            // A healthy target whose last scrape timed out in one scraper only: load, not a bug.
            let timedOut = actual.lastError?.kind == .timeout || Self.kind(ofPrometheusError: expected.lastError) == .timeout
            if timedOut && Self.median(vigilPoints("up", job).map(\.v).filter { !$0.isNaN }) == 1 {
                print("accepted difference (one scrape timed out under load): \(detail)")  // test output
            } else {
                Issue.record("health differs: \(detail)")
            }
            return
        }
        #expect(Self.kind(ofPrometheusError: expected.lastError) == actual.lastError?.kind, "\(detail)")
        if let kind = actual.lastError?.kind, kind != .parse {
            #expect(expected.lastError == vigilError, "\(detail)")  // same wording, not only the same kind
        } else if actual.lastError != nil {
            print("accepted difference (parse error wording): \(detail)")  // test output
        }
    }

    /// The kind of a Prometheus 2.42 `lastError`, read from its wording.
    static func kind(ofPrometheusError message: String) -> ScrapeError.Kind? {
        if message.isEmpty { return nil }
        if message.hasPrefix("server returned HTTP status") { return .httpStatus }
        if message.hasSuffix("context deadline exceeded") { return .timeout }
        if message.hasPrefix("sample limit exceeded") { return .sampleLimit }
        if message.hasPrefix("body size limit exceeded") { return .bodySizeLimit }
        if message.hasPrefix("label_limit") || message.contains("label name length")
            || message.contains("label value length") { return .labelLimit }
        if message.hasPrefix("Get \"") { return .connection }
        return .parse
    }
}
#endif
