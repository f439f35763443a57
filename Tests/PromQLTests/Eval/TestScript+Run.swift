import PromQL
import TSDB

/// Runs a parsed script the way Prometheus 2.42's runner does: each eval at its time, the
/// `@`-pinned variants at other times, and a 3-step range query cross-check.
extension TestScript {
    struct Outcome {
        var passed: [Int] = []
        /// Line number and reason of every failed eval.
        var failed: [(line: Int, reason: String)] = []
    }

    func run(options: Engine.Options = .testing) -> Outcome {
        var store = TimeSeriesStore()
        var engine = Engine(options: options)
        var outcome = Outcome()
        for (line, command) in commands {
            switch command {
            case .clear:
                store = TimeSeriesStore()
                engine = Engine(options: options)
            case .load(let load):
                var appender = store.appender()
                for series in load.series {
                    for point in series.points {
                        do {
                            try appender.append(series.labels, t: point.t, v: point.v)
                        } catch {
                            outcome.failed.append((line, "load failed: \(error)"))
                        }
                    }
                }
                appender.commit()
            case .eval(let eval):
                if let reason = Self.check(eval, engine: engine, store: store) {
                    outcome.failed.append((eval.line, reason))
                } else {
                    outcome.passed.append(eval.line)
                }
            }
        }
        return outcome
    }

    /// Nil when the eval passes, else why it failed.
    static func check(_ eval: EvalCommand, engine: Engine, store: TimeSeriesStore) -> String? {
        var queries = [(expression: eval.expression, time: eval.time)]
        if !EvalRewriting.dependsOnEvaluationTime(eval.expression) {
            let pinned = EvalRewriting.pinned(eval.expression, at: eval.time)
            let times: [Milliseconds] = eval.time == 0 ? [-1000, 0, 1000]
                : [-10 * eval.time, 0, eval.time / 5, eval.time, 10 * eval.time]
            queries += times.map { (pinned, $0) }
        }
        for (expression, time) in queries {
            let label = "\(expression) at \(time)ms"
            let value: Value
            do {
                value = try engine.instantQuery(expression, at: time, on: store)
            } catch {
                if eval.kind == .fail { continue }
                return "\(label): unexpected error: \(error)"
            }
            if eval.kind == .fail { return "\(label): expected an error, got \(value)" }
            if let problem = compare(value, eval, ordered: eval.kind == .ordered) { return "\(label): \(problem)" }
            // Range mode must agree at the middle step.
            let series: [RangeSeries]
            do {
                series = try engine.rangeQuery(expression, start: time - 60_000, end: time + 60_000,
                                               step: 60_000, on: store)
            } catch {
                return "\(label): range query failed: \(error)"
            }
            if eval.kind == .ordered { continue }
            let atTime: [Sample] = series.compactMap { item in
                item.points.first { $0.t == time }.map { Sample(labels: item.labels, timestamp: time, value: $0.v) }
            }
            let rangeValue: Value
            if case .scalar = value {
                rangeValue = .scalar(atTime.first?.value ?? .nan)
            } else {
                rangeValue = .vector(atTime)
            }
            if let problem = compare(rangeValue, eval, ordered: false) { return "\(label) (range mode): \(problem)" }
        }
        return nil
    }

    static func compare(_ value: Value, _ eval: EvalCommand, ordered: Bool) -> String? {
        switch value {
        case .scalar(let number):
            guard let expected = eval.expectedScalar else { return "expected a vector, got scalar \(number)" }
            return almostEqual(expected, number) ? nil : "expected scalar \(expected), got \(number)"
        case .vector(let samples):
            if eval.expectedScalar != nil { return "expected a scalar, got vector \(samples)" }
            var seen = Set<Labels>()
            for (position, sample) in samples.enumerated() {
                guard let index = eval.expectedVector.firstIndex(where: { $0.labels == sample.labels }) else {
                    return "unexpected metric \(sample.labels) in result"
                }
                let expected = eval.expectedVector[index]
                if ordered && index != position {
                    return "expected metric \(sample.labels) with \(expected.value) at position \(index + 1) "
                        + "but was at \(position + 1)"
                }
                if !almostEqual(expected.value, sample.value) {
                    return "expected \(expected.value) for \(sample.labels) but got \(sample.value)"
                }
                seen.insert(sample.labels)
            }
            for expected in eval.expectedVector where !seen.contains(expected.labels) {
                return "expected metric \(expected.labels) with \(expected.value) not found"
            }
            return nil
        case .matrix, .string:
            return "unexpected \(value.type.documentedName) result"
        }
    }

    /// Prometheus's `almostEqual`: NaN equals NaN, zero must match exactly, otherwise a
    /// relative error below 1e-6 of |a| + |b|.
    static func almostEqual(_ a: Double, _ b: Double) -> Bool {
        if a.isNaN && b.isNaN { return true }
        if a == b { return true }
        let minNormal = Double(bitPattern: 0x0010_0000_0000_0000)
        let epsilon = 1e-6
        let difference = Swift.abs(a - b)
        if a == 0 || b == 0 || difference < minNormal { return difference < epsilon * minNormal }
        return difference / (Swift.abs(a) + Swift.abs(b)) < epsilon
    }
}
