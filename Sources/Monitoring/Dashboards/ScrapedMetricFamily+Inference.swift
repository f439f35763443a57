import PromQL

extension ScrapedMetricFamily {
    /// The metric families that `queries` read, guessed from how they read them: a
    /// `_bucket` series makes a histogram, a `_total` series (or one under `rate`,
    /// `increase`, `irate`) a counter, anything else a gauge; label names are the ones the
    /// queries match on or aggregate `by`.
    ///
    /// For generating targets dashboards before anything was scraped (`vigil generate`):
    /// the SLI queries of the ServiceLevels and the expressions of the PrometheusRules name
    /// the metrics that matter. `{{.window}}` placeholders are accepted; queries that do not
    /// parse are left out (validation reports them elsewhere). Recording-rule series
    /// (names with a colon), `ALERTS` and the scrape's own series are not families.
    public static func inferred(fromQueries queries: [String]) -> [ScrapedMetricFamily] {
        var seen: [String: (kind: Kind, labels: Set<String>)] = [:]
        var bucketBases: Set<String> = []
        for query in queries {
            let text = SLOQueryTemplate.render(query, window: SLOWindow(seconds: 300))
            guard let expr = try? Parser.parse(text) else { continue }
            expr.inspect { node, path in
                guard case .vectorSelector(let selector) = node, let name = selector.name,
                      !isInternal(name) else { return true }
                var labels = Set(selector.matchers.map(\.name).filter { $0 != "__name__" })
                for case .aggregation(let aggregation) in path where !aggregation.without {
                    labels.formUnion(aggregation.grouping)
                }
                let counted = path.contains { ancestor in
                    guard case .call(let call) = ancestor else { return false }
                    return ["rate", "increase", "irate"].contains(call.function.name)
                }
                let kind: Kind
                var family = name
                if name.hasSuffix("_bucket") {
                    family = String(name.dropLast(7))
                    bucketBases.insert(family)
                    (kind, labels) = (.histogram, labels.union(["le"]))
                } else {
                    kind = name.hasSuffix("_total") || counted ? .counter : .gauge
                }
                let known = seen[family]
                seen[family] = (known?.kind == .histogram ? .histogram : kind, labels.union(known?.labels ?? []))
                return true
            }
        }
        // `_count` and `_sum` of a histogram seen through its buckets belong to it.
        for base in bucketBases {
            for suffix in ["_count", "_sum"] {
                guard let part = seen.removeValue(forKey: base + suffix) else { continue }
                seen[base]?.labels.formUnion(part.labels)
            }
        }
        return seen.keys.sorted().compactMap { name in
            seen[name].map { ScrapedMetricFamily(name: name, kind: $0.kind, labelNames: $0.labels.sorted()) }
        }
    }

    private static func isInternal(_ name: String) -> Bool {
        name.contains(":") || name == "ALERTS" || name == "ALERTS_FOR_STATE" || name == "up"
            || name.hasPrefix("scrape_")
    }
}
