import Testing
import VigilTestSupport
@testable import Scrape

@Suite("One-off scrape")
struct ScrapeOnceTests {
    @Test("samples come back as exposed, without target labels")
    func samples() async throws {
        let client = FakeScrapeClient(clock: ManualClock(), reply: .body("a{x=\"1\"} 1\nb 2 1700000000000\n"))
        let result = await ScrapeOnce.scrape(url: "http://t:1/metrics", options: .init(), client: client)
        let samples = try result.outcome.get()
        #expect(samples.map(\.metricName) == ["a", "b"])
        #expect(samples[0].labels["x"] == "1")
        #expect(samples[0].labels["job"] == nil)
        #expect(samples[1].timestamp == 1_700_000_000_000)
        #expect(result.bodySize == 29)
    }

    @Test("a parse error is returned with its line")
    func parseError() async {
        let client = FakeScrapeClient(clock: ManualClock(), reply: .body("ok 1\nbad{ 2\n"))
        let result = await ScrapeOnce.scrape(url: "http://t:1/metrics", options: .init(), client: client)
        guard case .failure(let error) = result.outcome else {
            Issue.record("expected a parse error")
            return
        }
        #expect(error.kind == .parse)
        #expect(error.description.hasPrefix("line 2"))
    }

    @Test("client failures are returned unchanged")
    func clientFailure() async {
        let client = FakeScrapeClient(clock: ManualClock(), reply: .failure(.httpStatus(404, reason: "Not Found")))
        let result = await ScrapeOnce.scrape(url: "http://t:1/metrics", options: .init(bodySizeLimit: 10), client: client)
        #expect(throws: ScrapeError.httpStatus(404, reason: "Not Found")) { try result.outcome.get() }
        #expect(client.requests.first?.bodySizeLimit == 10)
    }
}
