import Foundation
import PromQL
import TSDB
import Testing

/// Results recorded from Prometheus 2.42's own engine (`promtool test rules`, Debian's
/// 2.42.0 package) for queries beyond the conformance scripts: every function, operator and
/// aggregation over counters with resets, NaN/±Inf gauges, stale markers, gaps and classic
/// histograms. `Oracle/generate.py` regenerates `Oracle/promtool-cases.json`.
@Suite("Evaluator against promtool 2.42")
struct EvaluatorOracleTests {
    struct OracleFile: Decodable {
        var series: [[String]]
        var cases: [OracleCase]
    }

    struct OracleCase: Decodable, Sendable, CustomTestStringConvertible {
        var expr: String
        var time: String
        var kind: String
        /// `[[labels, value], …]` for vectors.
        var result: [[String]]
        /// Prometheus's error text when the query fails.
        var error: String?
        var testDescription: String { "\(expr) at \(time)" }

        enum CodingKeys: String, CodingKey { case expr, time, kind, result }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            expr = try container.decode(String.self, forKey: .expr)
            time = try container.decode(String.self, forKey: .time)
            kind = try container.decode(String.self, forKey: .kind)
            if kind == "error" {
                error = try container.decode(String.self, forKey: .result)
                result = []
            } else {
                result = try container.decode([[String]].self, forKey: .result)
            }
        }
    }

    static let file: OracleFile? = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Oracle/promtool-cases.json")
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(OracleFile.self, from: data)
    }()

    static let store: TimeSeriesStore? = {
        guard let file else { return nil }
        let lines = file.series.map { $0[0] + " " + $0[1] }
        return try? makeStore(step: 30_000, lines)
    }()

    @Test("The recorded cases load")
    func loads() throws {
        let file = try #require(Self.file)
        #expect(file.cases.count > 400)
        #expect(Self.store != nil)
    }

    @Test("Each query gives promtool's result", arguments: Self.file?.cases ?? [])
    func matches(_ oracle: OracleCase) throws {
        let store = try #require(Self.store)
        let time = try PromDuration.parse(oracle.time)
        if let message = oracle.error {
            #expect {
                _ = try Engine().instantQuery(oracle.expr, at: time, on: store)
            } throws: { error in
                "\(error)" == message
            }
            return
        }
        let value = try Engine().instantQuery(oracle.expr, at: time, on: store)
        let samples: [Sample]
        switch value {
        case .vector(let vector): samples = vector
        // promtool reports a scalar as one sample without labels.
        case .scalar(let number): samples = [Sample(labels: Labels(), timestamp: time, value: number)]
        default:
            Issue.record("expected a vector or scalar, got \(value)")
            return
        }
        var expected: [Labels: Double] = [:]
        for pair in oracle.result {
            let description = try SeriesDescription(parsing: pair[0] + " " + pair[1], line: 0)
            expected[description.labels] = description.values.first ?? nil
        }
        #expect(samples.count == expected.count, "got \(rendered(value))")
        for sample in samples {
            guard let want = expected[sample.labels] else {
                Issue.record("unexpected \(sample.labels) \(sample.value); promtool: \(oracle.result)")
                continue
            }
            #expect(TestScript.almostEqual(want, sample.value), "\(sample.labels): want \(want), got \(sample.value)")
        }
    }
}
