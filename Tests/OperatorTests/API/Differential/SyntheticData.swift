/// A deterministic OpenMetrics file with timestamps for the differential suite: counters
/// with resets, gauges with NaN, classic histograms, several jobs and instances, three
/// hours at 15 s. The same bytes feed promtool (then Prometheus) and Vigil.
enum SyntheticData {
    /// First sample time, seconds (2023-11-14T22:13:20Z).
    static let start: Int64 = 1_700_000_000
    static let interval: Int64 = 15
    static let steps: Int64 = 720  // three hours
    static var end: Int64 { start + (steps - 1) * interval }

    static let targets: [(job: String, instance: String)] = [
        ("api", "10.0.0.1:8080"), ("api", "10.0.0.2:8080"), ("api", "10.0.0.3:8080"),
        ("db", "10.0.1.1:9187"), ("db", "10.0.1.2:9187"),
    ]
    static let buckets: [String] = ["0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf"]

    /// A small linear congruential generator: the data must be identical on every run.
    struct Random {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
    }

    static func openMetrics() -> String {
        var text = ""
        text.reserveCapacity(6_000_000)
        var random = Random(state: 42)

        text += "# TYPE http_requests counter\n"
        for (targetIndex, target) in targets.enumerated() {
            for code in ["200", "500"] {
                var value = 0.0
                for step in 0..<steps {
                    // A restart every 50 minutes (staggered per target) resets the counter.
                    if (step + Int64(targetIndex) * 37) % 200 == 0 && step > 0 { value = 0 }
                    value += (code == "200" ? 10 : 0.5) * (0.5 + random.next())
                    line(&text, "http_requests_total", ["code": code, "instance": target.instance, "job": target.job],
                         value, step)
                }
            }
        }

        text += "# TYPE memory_bytes gauge\n"
        for (targetIndex, target) in targets.enumerated() {
            for step in 0..<steps {
                let value = (1e8 + Double(targetIndex) * 1e7 + 5e6 * random.next()).rounded()
                line(&text, "memory_bytes", ["instance": target.instance, "job": target.job], value, step)
            }
        }

        text += "# TYPE temperature_celsius gauge\n"
        for (targetIndex, target) in targets.enumerated() {
            for step in 0..<steps {
                // A sensor that sometimes reports NaN, and sometimes a negative value.
                let value = step % 97 == Int64(targetIndex) ? Double.nan : 20 + 10 * random.next() - Double(targetIndex)
                line(&text, "temperature_celsius", ["instance": target.instance, "job": target.job], value, step)
            }
        }

        text += "# TYPE request_duration_seconds histogram\n"
        for (targetIndex, target) in targets.enumerated() where target.job == "api" {
            var counts = [Double](repeating: 0, count: buckets.count)
            var sum = 0.0
            var series: [(labels: [String: String], values: [Double])] =
                buckets.map { (["instance": target.instance, "job": target.job, "le": $0], []) }
            var sums: [Double] = []
            var totals: [Double] = []
            for step in 0..<steps {
                if (step + Int64(targetIndex) * 37) % 200 == 0 && step > 0 {
                    counts = counts.map { _ in 0 }
                    sum = 0
                }
                for _ in 0..<5 {
                    let observation = 2 * random.next() * random.next()
                    sum += observation
                    for (index, bound) in buckets.enumerated() where observation <= (Double(bound) ?? .infinity) {
                        counts[index] += 1
                    }
                }
                for index in buckets.indices { series[index].values.append(counts[index]) }
                sums.append(sum)
                totals.append(counts[counts.count - 1])
            }
            for one in series {
                for (step, value) in one.values.enumerated() {
                    line(&text, "request_duration_seconds_bucket", one.labels, value, Int64(step))
                }
            }
            for (step, value) in sums.enumerated() {
                line(&text, "request_duration_seconds_sum", ["instance": target.instance, "job": target.job],
                     value, Int64(step))
            }
            for (step, value) in totals.enumerated() {
                line(&text, "request_duration_seconds_count", ["instance": target.instance, "job": target.job],
                     value, Int64(step))
            }
        }

        text += "# TYPE queue_depth gauge\n"
        // A series that stops half way, one that starts late, and integers for count_values.
        for step in 0..<steps {
            if step < steps / 2 {
                line(&text, "queue_depth", ["job": "worker", "queue": "early"], Double(step % 7), step)
            }
        }
        for step in 0..<steps where step >= steps / 3 {
            line(&text, "queue_depth", ["job": "worker", "queue": "late"], Double(step % 5), step)
        }
        text += "# EOF\n"
        return text
    }

    private static func line(_ text: inout String, _ name: String, _ labels: [String: String], _ value: Double,
                             _ step: Int64) {
        text += name + "{"
        text += labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }.joined(separator: ",")
        text += "} "
        text += value.isNaN ? "NaN" : value.isInfinite ? (value > 0 ? "+Inf" : "-Inf") : "\(value)"
        text += " \(start + step * interval)\n"
    }
}
