import Foundation
import PromQL
import TSDB
import Testing

/// Range query results recorded from a Prometheus 2.42 server (Debian's package, data
/// imported with `promtool tsdb create-blocks-from openmetrics`) for the queries of the
/// instant oracle, at two step alignments. `Oracle/generate-range.py` records them.
@Suite("Range queries against Prometheus 2.42")
struct EvaluatorRangeOracleTests {
    struct RangeFile: Decodable {
        var interval: String
        var series: [[String]]
        var cases: [RangeCase]
    }

    struct RangeCase: Decodable, Sendable, CustomTestStringConvertible {
        var expr: String
        var start: Int64
        var end: Int64
        var step: Int64
        var error: String?
        /// `[[labels as JSON, [[t in ms, value], …]], …]`.
        var result: [RangeSeriesRecord]?
        var testDescription: String { "\(expr) [\(start)s..\(end)s step \(step)s]" }
    }

    struct RangeSeriesRecord: Decodable, Sendable {
        var labels: Labels
        var points: [(Int64, String)]

        init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            let json = try container.decode(String.self)
            labels = Labels(try JSONDecoder().decode([String: String].self, from: Data(json.utf8)))
            var pointsContainer = try container.nestedUnkeyedContainer()
            points = []
            while !pointsContainer.isAtEnd {
                var point = try pointsContainer.nestedUnkeyedContainer()
                points.append((try point.decode(Int64.self), try point.decode(String.self)))
            }
        }
    }

    static let file: RangeFile? = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Oracle/prometheus-range-cases.json")
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(RangeFile.self, from: data)
    }()

    static let store: TimeSeriesStore? = {
        guard let file, let step = try? PromDuration.parse(file.interval) else { return nil }
        return try? makeStore(step: step, file.series.map { $0[0] + " " + $0[1] })
    }()

    @Test("The recorded range cases load")
    func loads() {
        #expect((Self.file?.cases.count ?? 0) > 300)
        #expect(Self.store != nil)
    }

    @Test("Each range query gives Prometheus's matrix", arguments: Self.file?.cases ?? [])
    func matches(_ oracle: RangeCase) throws {
        let store = try #require(Self.store)
        let run = { () throws(EvaluationError) -> [RangeSeries] in
            try Engine().rangeQuery(oracle.expr, start: oracle.start * 1000, end: oracle.end * 1000,
                                    step: oracle.step * 1000, on: store)
        }
        if oracle.error != nil {
            #expect(throws: EvaluationError.self) { _ = try run() }
            return
        }
        let result = try run()
        let expected = oracle.result ?? []
        #expect(result.map(\.labels).sorted() == expected.map(\.labels).sorted())
        for series in expected {
            guard let mine = result.first(where: { $0.labels == series.labels }) else { continue }
            #expect(mine.points.map(\.t) == series.points.map(\.0), "\(series.labels) timestamps")
            for (point, want) in zip(mine.points, series.points) {
                let value = SeriesDescription.parseNumber(want.1) ?? .nan
                #expect(TestScript.almostEqual(value, point.v), "\(series.labels) at \(point.t): want \(want.1), got \(point.v)")
            }
        }
    }
}
