import Exposition
import TSDB

/// What one scrape appended: the counts behind `scrape_samples_scraped`,
/// `scrape_samples_post_metric_relabeling` and `scrape_series_added`, and the error that
/// failed it (then nothing of it was kept).
struct AppendOutcome: Sendable, Equatable {
    /// Samples in the exposition (before relabeling), up to a parse error.
    var total = 0
    /// Samples left after metric relabeling.
    var added = 0
    /// Samples of series this target did not expose in its last successful scrape.
    var seriesAdded = 0
    /// Why the scrape failed while appending (parse error, limits, invalid series).
    var error: ScrapeError?
}

/// How samples of one target are turned into series (fixed for the target's lifetime).
struct SampleContext: Sendable {
    var targetLabels: TSDB.Labels
    var honorLabels: Bool
    var honorTimestamps: Bool
    var metricRelabelConfigs: [RelabelConfig]
    var sampleLimit: Int
    var labelLimits: LabelLimits
}

/// Per-target memory between scrapes, as Prometheus' `scrapeCache`: the final labels of
/// every exposed series (so relabeling runs once per new series), which series the last
/// scrape had (for staleness markers), and the parser's symbol table.
///
/// Owned by one scrape loop task; not shared.
struct ScrapeCache {
    private struct Entry {
        /// Nil when metric relabeling dropped the series.
        let labels: TSDB.Labels?
        var lastIteration: Int
    }

    private var entries: [Exposition.Labels: Entry] = [:]
    private var previousSeries: Set<TSDB.Labels> = []
    private var currentSeries: Set<TSDB.Labels> = []
    private var iteration = 0
    private var successfulCount = 0
    private var symbols = SymbolTable()

    /// Series a scrape exposed and that will get a staleness marker if the next one lacks them.
    var trackedSeries: Set<TSDB.Labels> { previousSeries }

    /// Parses `body` and stages its samples in `appender`, then staleness markers for
    /// series the previous scrape had and this one lacks.
    ///
    /// An empty body is a failed scrape: no samples, and every previously exposed series
    /// gets a staleness marker. When the outcome has an error the caller must roll the
    /// appender back and call this again with an empty body, as Prometheus does.
    mutating func append<A: Appender>(
        body: [UInt8], contentType: String?, timestamp: Int64, context: SampleContext, into appender: inout A
    ) -> AppendOutcome {
        var outcome = AppendOutcome()
        var parser = ExpositionFormat.parser(for: contentType, bytes: body, symbols: symbols,
                                             openMetricsOptions: .prometheusCompatible)
        var samplesCounted = 0
        var sampleLimitHit = false
        parsing: while true {
            let entry: ExpositionEntry?
            do {
                entry = try parser.next()
            } catch {
                outcome.error = ScrapeError(.parse, error.description)
                break parsing
            }
            guard let entry else { break }
            guard case .sample(let sample) = entry else { continue }
            outcome.total += 1

            let labels: TSDB.Labels
            let isNew: Bool
            if let cached = entries[sample.labels] {
                guard let cachedLabels = cached.labels else {
                    entries[sample.labels]?.lastIteration = iteration
                    continue
                }
                entries[sample.labels]?.lastIteration = iteration
                labels = cachedLabels
                isNew = false
            } else {
                guard let mutated = SampleLabels.mutate(
                    sample.labels, targetLabels: context.targetLabels, honorLabels: context.honorLabels,
                    rules: context.metricRelabelConfigs)
                else {
                    entries[sample.labels] = Entry(labels: nil, lastIteration: iteration)
                    continue
                }
                if let invalid = SampleLabels.validate(mutated) ?? context.labelLimits.check(mutated) {
                    outcome.error = invalid
                    break parsing
                }
                labels = mutated
                isNew = true
            }

            let explicitTimestamp = context.honorTimestamps ? sample.timestamp : nil
            var sampleAdded = false
            if context.sampleLimit > 0 && !isStaleNaN(sample.value) {
                samplesCounted += 1
                if samplesCounted > context.sampleLimit { sampleLimitHit = true }
            }
            if !sampleLimitHit || context.sampleLimit == 0 {
                do {
                    try appender.append(labels, t: explicitTimestamp ?? timestamp, v: sample.value)
                    sampleAdded = true
                } catch {
                    // Out of order, duplicate or out of bounds: Prometheus drops the sample,
                    // counts it, and keeps the scrape.
                }
            }
            if sampleAdded && explicitTimestamp == nil { currentSeries.insert(labels) }
            if isNew {
                entries[sample.labels] = Entry(labels: labels, lastIteration: iteration)
                if sampleAdded && !sampleLimitHit { outcome.seriesAdded += 1 }
            }
            outcome.added += 1
        }
        symbols = parser.symbols
        if sampleLimitHit && outcome.error == nil { outcome.error = .sampleLimitExceeded }
        guard outcome.error == nil else { return outcome }

        for series in previousSeries where !currentSeries.contains(series) {
            // Out of order here means the series was written again by a newer loop of the
            // same target; Prometheus ignores that too.
            _ = try? appender.append(series, t: timestamp, v: StaleNaN)
        }
        finishIteration(flush: !body.isEmpty)
        return outcome
    }

    /// Forgets the series a failed append saw, so the empty append that follows marks every
    /// series of the previous scrape stale. (Prometheus 2.42 keeps them, which leaves series
    /// seen before a parse error or below `sample_limit` with neither a sample nor a
    /// marker for this scrape; a failed scrape here is exactly an empty one.)
    mutating func abandonIteration() {
        currentSeries.removeAll(keepingCapacity: true)
    }

    /// Stages staleness markers for every series the last scrape exposed (the target went away).
    mutating func appendEndOfRunStaleness<A: Appender>(at timestamp: Int64, into appender: inout A) {
        for series in previousSeries {
            _ = try? appender.append(series, t: timestamp, v: StaleNaN)
        }
        previousSeries.removeAll()
    }

    /// Prometheus' `iterDone`: forget cache entries not seen in a successful non-empty
    /// scrape (or when failed scrapes doubled the cache), and rotate the series sets.
    private mutating func finishIteration(flush: Bool) {
        var flush = flush
        if flush {
            successfulCount = entries.count
        } else if entries.count > successfulCount * 2 + 1000 {
            flush = true
        }
        if flush {
            let current = iteration
            entries = entries.filter { $0.value.lastIteration == current }
        }
        swap(&previousSeries, &currentSeries)
        currentSeries.removeAll(keepingCapacity: true)
        iteration += 1
    }
}
