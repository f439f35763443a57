import TSDB

/// `histogram_quantile` over classic (`le`-labelled) buckets.
extension Functions {
    private struct Bucket {
        var upperBound: Double
        var count: Double
    }

    static func histogramQuantile(_ q: Double, _ vector: [Sample], at t: Milliseconds) -> [Sample] {
        var order: [Labels] = []
        var groups: [Labels: (labels: Labels, buckets: [Bucket])] = [:]
        for sample in vector {
            guard let bound = sample.labels["le"].flatMap(parseGoFloat) else { continue }
            // Grouped by everything but `le`; the output also loses the metric name.
            let key = sample.labels.removing(["le"])
            if groups[key] == nil {
                order.append(key)
                groups[key] = (sample.labels.removing(["le", Labels.metricName]), [])
            }
            groups[key]?.buckets.append(Bucket(upperBound: bound, count: sample.value))
        }
        return order.compactMap { key in
            guard let group = groups[key], !group.buckets.isEmpty else { return nil }
            return Sample(labels: group.labels, timestamp: t, value: bucketQuantile(q, group.buckets))
        }
    }

    private static func bucketQuantile(_ q: Double, _ unsorted: [Bucket]) -> Double {
        if q.isNaN { return .nan }
        if q < 0 { return -.infinity }
        if q > 1 { return .infinity }
        var buckets = unsorted.sorted { $0.upperBound < $1.upperBound }
        guard let last = buckets.last, last.upperBound == .infinity else { return .nan }
        // Merge buckets with the same bound (e.g. `le="1"` and `le="1.0"`).
        var merged: [Bucket] = []
        for bucket in buckets {
            if let previous = merged.last, previous.upperBound == bucket.upperBound {
                merged[merged.count - 1].count += bucket.count
            } else {
                merged.append(bucket)
            }
        }
        buckets = merged
        // Force monotonic counts (buckets scraped at slightly different times).
        var maximum = -Double.infinity
        for index in buckets.indices {
            if buckets[index].count > maximum {
                maximum = buckets[index].count
            } else if buckets[index].count < maximum {
                buckets[index].count = maximum
            }
        }
        guard buckets.count >= 2 else { return .nan }
        let observations = buckets[buckets.count - 1].count
        if observations == 0 { return .nan }
        var rank = q * observations
        var found = buckets.count - 1
        for index in 0..<(buckets.count - 1) where buckets[index].count >= rank {
            found = index
            break
        }
        if found == buckets.count - 1 { return buckets[buckets.count - 2].upperBound }
        if found == 0 && buckets[0].upperBound <= 0 { return buckets[0].upperBound }
        var start = 0.0
        let end = buckets[found].upperBound
        var count = buckets[found].count
        if found > 0 {
            start = buckets[found - 1].upperBound
            count -= buckets[found - 1].count
            rank -= buckets[found - 1].count
        }
        return start + (end - start) * (rank / count)
    }

    /// Go's `strconv.ParseFloat(s, 64)` for label values: decimal, exponent, `Inf`, `NaN`.
    static func parseGoFloat(_ text: String) -> Double? {
        let lower = text.lowercased()
        switch lower {
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        case "nan": return .nan
        default: break
        }
        let allowed = text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || Array(".eE+-_xXpP".utf8).contains($0) }
        guard allowed, !text.isEmpty else { return nil }
        return Double(text)
    }
}
