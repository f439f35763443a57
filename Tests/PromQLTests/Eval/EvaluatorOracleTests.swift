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
        var groups: [OracleGroup]
    }

    /// Series loaded `interval` apart, and queries evaluated over them.
    struct OracleGroup: Decodable {
        var interval: String
        /// Results must equal promtool's bit for bit (its output has round-trip digits).
        var exact: Bool?
        var series: [[String]]
        var cases: [OracleCase]
    }

    struct OracleCase: Decodable, Sendable, CustomTestStringConvertible {
        var group = 0
        var exact = false
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

    /// One store per group.
    static let stores: [TimeSeriesStore]? = {
        guard let file else { return nil }
        var stores: [TimeSeriesStore] = []
        for group in file.groups {
            guard let step = try? PromDuration.parse(group.interval),
                  let store = try? makeStore(step: step, group.series.map { $0[0] + " " + $0[1] }) else { return nil }
            stores.append(store)
        }
        return stores
    }()

    static let cases: [OracleCase] = (file?.groups ?? []).enumerated().flatMap { index, group in
        group.cases.map { oracle in
            var numbered = oracle
            numbered.group = index
            numbered.exact = group.exact ?? false
            return numbered
        }
    }

    @Test("The recorded cases load")
    func loads() throws {
        #expect(Self.cases.count > 1500)
        #expect(Self.stores?.count == Self.file?.groups.count)
    }

    @Test("Each query gives promtool's result", arguments: Self.cases)
    func matches(_ oracle: OracleCase) throws {
        let store = try #require(Self.stores?[oracle.group])
        let time = try PromDuration.parse(oracle.time)
        if let message = oracle.error {
            #expect {
                _ = try Engine().instantQuery(oracle.expr, at: time, on: store)
            } throws: { error in
                Self.normalized("\(error)") == Self.normalized(message)
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
            let equal = oracle.exact ? (want == sample.value || (want.isNaN && sample.value.isNaN))
                : TestScript.almostEqual(want, sample.value)
            #expect(equal, "\(sample.labels): want \(want), got \(sample.value)")
        }
    }

    /// Prometheus names the two clashing series of a duplicate match group in storage
    /// order, which its head block does not fix; compare them as a pair.
    static func normalized(_ message: String) -> String {
        guard let open = message.firstIndex(of: "["), let close = message.lastIndex(of: "]"), open < close
        else { return message }
        let inner = message[message.index(after: open)..<close].dropFirst().dropLast()   // outer braces
        let pair = inner.components(separatedBy: "}, {").sorted().joined(separator: "|")
        return String(message[..<open]) + pair + String(message[close...])
    }
}
