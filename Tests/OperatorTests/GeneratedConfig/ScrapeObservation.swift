import Foundation
@testable import Operator
import Scrape
import TSDB
import VigilTestSupport

/// What one scraper (Prometheus or Vigil's engine) reports at one moment: its active
/// targets per job (scrape pool) and every series it stored.
struct ScrapeObservation {
    /// One active target: final labels, scrape URL, health (`up`, `down`, `unknown`).
    struct Target: Hashable, Comparable, CustomStringConvertible {
        var labels: [String: String]
        var scrapeURL: String
        var health: String
        var lastError: String

        /// The identity compared between scrapers (health and error aside).
        var identity: String { "\(scrapeURL) \(ScrapeObservation.text(labels))" }
        var description: String { "\(identity) \(health)" + (lastError.isEmpty ? "" : " (\(lastError))") }
        static func < (lhs: Target, rhs: Target) -> Bool { lhs.identity < rhs.identity }
    }

    var targets: [String: [Target]]
    var series: Set<[String: String]>

    /// True once every target has been scraped at least once and, for every target, an
    /// `up` series exists (Prometheus sets health a moment before it commits samples).
    var hasScrapedEverything: Bool {
        let all = targets.values.joined()
        let upSeries = series.filter { $0["__name__"] == "up" }.count
        return !all.isEmpty && all.allSatisfy { $0.health != "unknown" } && upSeries >= all.count
    }

    /// What Prometheus reports over its HTTP API (series since `start`, in seconds).
    static func of(_ prometheus: PrometheusProcess, since start: Double) async throws -> ScrapeObservation {
        var targets: [String: [Target]] = [:]
        for target in try await prometheus.targets() {
            targets[target.job, default: []].append(Target(labels: target.labels, scrapeURL: target.scrapeURL,
                                                           health: target.health, lastError: target.lastError))
        }
        let series = try await prometheus.series("{__name__=~\".+\"}", start: start,
                                                 end: Date().timeIntervalSince1970 + 60)
        return ScrapeObservation(targets: targets, series: series)
    }

    /// What the engine reports: its pools' targets and its store's series.
    static func of(_ engine: ScrapeEngine) throws -> ScrapeObservation {
        var targets: [String: [Target]] = [:]
        for job in engine.jobNames {
            targets[job] = engine.targetHealth(job: job).map { health in
                Target(labels: dictionary(health.target.targetLabels), scrapeURL: health.target.url,
                       health: health.state.rawValue, lastError: health.lastError?.description ?? "")
            }
        }
        let everything = try LabelMatcher(.regexMatch, "__name__", ".+")
        let series = engine.storage.querier(mint: .min, maxt: .max).select([everything])
        return ScrapeObservation(targets: targets, series: Set(series.map { dictionary($0.labels) }))
    }

    /// Every difference between `prometheus` and `vigil`, one readable line each; empty
    /// when they agree.
    static func differences(prometheus: ScrapeObservation, vigil: ScrapeObservation) -> [String] {
        var lines: [String] = []
        for job in Set(prometheus.targets.keys).union(vigil.targets.keys).sorted() {
            let expected = prometheus.targets[job] ?? []
            let actual = vigil.targets[job] ?? []
            let expectedByIdentity = Dictionary(expected.map { ($0.identity, $0) }, uniquingKeysWith: { first, _ in first })
            let actualByIdentity = Dictionary(actual.map { ($0.identity, $0) }, uniquingKeysWith: { first, _ in first })
            for target in expected.sorted() where actualByIdentity[target.identity] == nil {
                lines.append("job \(job): target only Prometheus scrapes: \(target)")
            }
            for target in actual.sorted() where expectedByIdentity[target.identity] == nil {
                lines.append("job \(job): target only Vigil scrapes: \(target)")
            }
            for target in expected.sorted() {
                guard let other = actualByIdentity[target.identity], other.health != target.health else { continue }
                lines.append("job \(job): \(target.identity) is \(target.health) in Prometheus (\(target.lastError)), "
                    + "\(other.health) in Vigil (\(other.lastError))")
            }
        }
        let onlyPrometheus = prometheus.series.subtracting(vigil.series)
        let onlyVigil = vigil.series.subtracting(prometheus.series)
        for (side, set) in [("Prometheus", onlyPrometheus), ("Vigil", onlyVigil)] {
            for labels in set.map(text).sorted() { lines.append("series only in \(side): \(labels)") }
        }
        return lines
    }

    /// `{a="1",b="2"}`, sorted by name.
    static func text(_ labels: [String: String]) -> String {
        "{" + labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }.joined(separator: ",") + "}"
    }

    static func dictionary(_ labels: TSDB.Labels) -> [String: String] {
        Dictionary(labels.pairs.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    }
}
