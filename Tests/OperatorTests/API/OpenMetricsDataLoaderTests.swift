import Operator
import PromQL
import TSDB
import Testing

/// Loading OpenMetrics files with timestamps, as promtool's block creation reads them.
@Suite struct OpenMetricsDataLoaderTests {
    @Test func theFixtureLoadsEverySample() throws {
        let store = TimeSeriesStore()
        let summary = try OpenMetricsDataLoader.load(APITestFixture.openMetrics, into: store)
        #expect(summary == OpenMetricsDataLoader.Summary(samples: 60, series: 3, timeRange: 0...285_000))
        let value = try Engine().instantQuery("sum(http_requests_total)", at: 285_000, on: store)
        #expect(value == .vector([Sample(labels: Labels(), timestamp: 285_000, value: 570)]))
    }

    @Test func fractionalTimestampsAreMilliseconds() throws {
        let store = TimeSeriesStore()
        let summary = try OpenMetricsDataLoader.load("a 1 1.5\na 2 2.25\n# EOF\n", into: store)
        #expect(summary.timeRange == 1_500...2_250)
    }

    struct BadFile: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var line: Int
        var column: Int?
        var testDescription: String { name }
    }

    @Test(arguments: [
        BadFile(name: "a sample without a timestamp", text: "a 1 1\na 2\n# EOF\n", line: 2, column: 1),
        BadFile(name: "a missing # EOF", text: "a 1 1\n", line: 2, column: nil),
        BadFile(name: "a syntax error", text: "a 1 1\na{ 2 3\n# EOF\n", line: 2, column: nil),
        BadFile(name: "time going backwards", text: "a 1 5\na 2 4\n# EOF\n", line: 2, column: 1),
        BadFile(name: "a repeated timestamp", text: "a 1 5\na 2 5\n# EOF\n", line: 2, column: 1),
    ])
    func badFilesFailWithTheirPosition(_ file: BadFile) {
        do {
            _ = try OpenMetricsDataLoader.load(file.text, into: TimeSeriesStore())
            Issue.record("loaded \(file.name)")
        } catch {
            #expect(error.line == file.line, "\(error)")
            if let column = file.column { #expect(error.column == column, "\(error)") }
        }
    }
}
