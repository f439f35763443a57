import Operator
import Testing

/// `vigil query`'s library side: the API's JSON or promtool's text over a data file.
@Suite struct LocalQueryTests {
    static let data = Array(APITestFixture.openMetrics.utf8)

    @Test func withoutATimeItEvaluatesAtTheNewestSample() {
        let result = LocalQuery(expression: "http_requests_total", form: .instant(time: nil), format: .table)
            .run(data: Self.data, now: 0)
        #expect(result == LocalQuery.Result(output: """
            http_requests_total{instance="a", job="api"} => 190 @[285]
            http_requests_total{instance="b", job="api"} => 380 @[285]

            """, exitCode: 0))
    }

    @Test func jsonIsTheAPIAnswer() throws {
        let query = LocalQuery(expression: "sum(http_requests_total)", form: .instant(time: "15"), format: .json)
        let api = try APITestFixture.api()
        #expect(query.run(data: Self.data, now: 0).output
            == api.query(APIParameters([("query", "sum(http_requests_total)"), ("time", "15")])).text + "\n")
    }

    @Test func rangeQueriesPrintEachSeries() {
        let result = LocalQuery(expression: "sum by (job) (http_requests_total)",
                                form: .range(start: "0", end: "30", step: "15s"), format: .table)
            .run(data: Self.data, now: 0)
        #expect(result.output == "{job=\"api\"} =>\n0 @[0]\n30 @[15]\n60 @[30]\n")
    }

    @Test func scalarsAndStringsSayWhatTheyAre() {
        #expect(LocalQuery(expression: "1 / 0", form: .instant(time: "2.5"), format: .table).run(data: nil, now: 0).output
            == "scalar: +Inf @[2.5]\n")
        #expect(LocalQuery(expression: "\"hi\"", form: .instant(time: "1"), format: .table).run(data: nil, now: 0).output
            == "string: hi @[1]\n")
    }

    @Test func errorsExitWithOne() {
        let table = LocalQuery(expression: "sum(", form: .instant(time: nil), format: .table).run(data: nil, now: 0)
        #expect(table == LocalQuery.Result(
            output: "error (bad_data): invalid parameter \"query\": 1:5: parse error: unclosed left parenthesis\n",
            exitCode: 1))
        let json = LocalQuery(expression: "x", form: .range(start: "2", end: "1", step: "1"), format: .json)
            .run(data: nil, now: 0)
        #expect(json.exitCode == 1)
        #expect(json.output.hasPrefix(#"{"status":"error","errorType":"bad_data""#))
    }

    @Test func aBadDataFileReportsItsPosition() {
        let result = LocalQuery(expression: "up", form: .instant(time: nil), format: .table)
            .run(data: Array("up 1 1\nup{ 2\n# EOF\n".utf8), now: 0)
        #expect(result.exitCode == 1)
        #expect(result.output.hasPrefix("error (data): line 2, column "))
    }

    @Test(arguments: [("127.0.0.1:9090", "127.0.0.1", 9090), (":9090", "0.0.0.0", 9090), ("[::1]:80", "::1", 80),
                      ("localhost:0", "localhost", 0)])
    func listenAddressesParse(_ text: String, _ host: String, _ port: Int) throws {
        let address = try APIServer.listenAddress(text)
        #expect(address.host == host && address.port == port)
    }

    @Test(arguments: ["9090", "host:", "host:99999", "host:x"])
    func badListenAddressesAreRefused(_ text: String) {
        #expect(throws: APIServer.AddressError(text: text)) { try APIServer.listenAddress(text) }
    }
}
