import Hummingbird
import HummingbirdTesting
import Operator
import Testing

/// Every endpoint through a Hummingbird router, GET and POST, checked byte for byte
/// against the JSON Prometheus 2.42 sends for the same data.
@Suite struct PrometheusAPIRouterTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var uri: String
        var status: Int
        var body: String
        var testDescription: String { name }
    }

    static let vectorA = #"{"metric":{"__name__":"http_requests_total","instance":"a","job":"api"},"value":[285,"190"]}"#
    static let vectorB = #"{"metric":{"__name__":"http_requests_total","instance":"b","job":"api"},"value":[285,"380"]}"#

    static let getCases: [Case] = [
        Case(name: "an instant vector", uri: "/api/v1/query?query=http_requests_total&time=285", status: 200,
             body: #"{"status":"success","data":{"resultType":"vector","result":["# + vectorA + "," + vectorB + "]}}"),
        Case(name: "time defaults to now", uri: "/api/v1/query?query=http_requests_total", status: 200,
             body: #"{"status":"success","data":{"resultType":"vector","result":["# + vectorA + "," + vectorB + "]}}"),
        Case(name: "milliseconds print with three digits", uri: "/api/v1/query?query=vector(1)&time=100.05", status: 200,
             body: #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[100.050,"1"]}]}}"#),
        Case(name: "a scalar uses the shortest time", uri: "/api/v1/query?query=1.5&time=100.5", status: 200,
             body: #"{"status":"success","data":{"resultType":"scalar","result":[100.5,"1.5"]}}"#),
        Case(name: "a string escapes HTML characters", uri: "/api/v1/query?query=%22abc%3C%22&time=1", status: 200,
             body: #"{"status":"success","data":{"resultType":"string","result":[1,"abc\u003c"]}}"#),
        Case(name: "RFC 3339 time", uri: "/api/v1/query?query=1&time=2020-01-01T00:00:00.5Z", status: 200,
             body: #"{"status":"success","data":{"resultType":"scalar","result":[1577836800.5,"1"]}}"#),
        Case(name: "NaN and infinities", uri: "/api/v1/query_range?query=temperature&start=255&end=285&step=15",
             status: 200,
             body: #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"temperature","room":"x\u003cy"},"values":[[255,"17"],[270,"+Inf"],[285,"NaN"]]}]}}"#),
        Case(name: "a range selector is a matrix (2.42 includes the left edge)", uri: "/api/v1/query?query=http_requests_total%7Binstance%3D%22a%22%7D%5B30s%5D&time=285",
             status: 200,
             body: #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"http_requests_total","instance":"a","job":"api"},"values":[[255,"170"],[270,"180"],[285,"190"]]}]}}"#),
        Case(name: "a range query with a duration step", uri: "/api/v1/query_range?query=sum(http_requests_total)&start=0&end=30&step=15s",
             status: 200,
             body: #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[0,"0"],[15,"30"],[30,"60"]]}]}}"#),
        Case(name: "an empty result", uri: "/api/v1/query?query=nothing&time=1", status: 200,
             body: #"{"status":"success","data":{"resultType":"vector","result":[]}}"#),
        Case(name: "series", uri: "/api/v1/series?match[]=http_requests_total%7Binstance%3D%22b%22%7D&match[]=temperature",
             status: 200,
             body: #"{"status":"success","data":[{"__name__":"http_requests_total","instance":"b","job":"api"},{"__name__":"temperature","room":"x\u003cy"}]}"#),
        Case(name: "series outside the time range", uri: "/api/v1/series?match[]=temperature&start=1000&end=2000",
             status: 200, body: #"{"status":"success","data":[]}"#),
        Case(name: "labels", uri: "/api/v1/labels", status: 200,
             body: #"{"status":"success","data":["__name__","instance","job","room"]}"#),
        Case(name: "labels of matching series", uri: "/api/v1/labels?match[]=temperature", status: 200,
             body: #"{"status":"success","data":["__name__","room"]}"#),
        Case(name: "label values", uri: "/api/v1/label/instance/values", status: 200,
             body: #"{"status":"success","data":["a","b"]}"#),
        Case(name: "metric names", uri: "/api/v1/label/__name__/values?match[]=%7Bjob%3D%22api%22%7D", status: 200,
             body: #"{"status":"success","data":["http_requests_total"]}"#),
        Case(name: "format_query", uri: "/api/v1/format_query?query=sum(rate(x%5B5m%5D))by(job)", status: 200,
             body: #"{"status":"success","data":"sum by (job) (rate(x[5m]))"}"#),
        Case(name: "buildinfo", uri: "/api/v1/status/buildinfo", status: 200,
             body: #"{"status":"success","data":{"version":"2.42.0+vigil","revision":"vigil","branch":"main","buildUser":"vigil","buildDate":"","goVersion":"swift6"}}"#),

        // bad_data (400)
        Case(name: "a parse error", uri: "/api/v1/query?query=1%2B&time=100", status: 400,
             body: #"{"status":"error","errorType":"bad_data","error":"invalid parameter \"query\": 1:3: parse error: unexpected end of input"}"#),
        Case(name: "a missing query", uri: "/api/v1/query?time=5", status: 400,
             body: #"{"status":"error","errorType":"bad_data","error":"invalid parameter \"query\": 1:1: parse error: no expression found in input"}"#),
        Case(name: "a range query's parse error is not wrapped", uri: "/api/v1/query_range?query=1%2B&start=1&end=100&step=10",
             status: 400, body: #"{"status":"error","errorType":"bad_data","error":"1:3: parse error: unexpected end of input"}"#),
        Case(name: "a bad time", uri: "/api/v1/query?query=1&time=abc", status: 400,
             body: #"{"status":"error","errorType":"bad_data","error":"invalid parameter \"time\": Invalid time value for 'time': cannot parse \"abc\" to a valid timestamp"}"#),
        Case(name: "a missing start", uri: "/api/v1/query_range?query=1&end=100&step=10", status: 400,
             body: #"{"status":"error","errorType":"bad_data","error":"invalid parameter \"start\": cannot parse \"\" to a valid timestamp"}"#),
        Case(name: "a bad step", uri: "/api/v1/query_range?query=1&start=1&end=100&step=abc", status: 400,
             body: #"{"status":"error","errorType":"bad_data","error":"invalid parameter \"step\": cannot parse \"abc\" to a valid duration"}"#),
        Case(name: "end before start", uri: "/api/v1/query_range?query=1&start=100&end=1&step=1", status: 400,
             body: #"{"status":"error","errorType":"bad_data","error":"invalid parameter \"end\": end timestamp must not be before start time"}"#),
        Case(name: "a zero step", uri: "/api/v1/query_range?query=1&start=1&end=100&step=0", status: 400,
             body: #"{"status":"error","errorType":"bad_data","error":"invalid parameter \"step\": zero or negative query resolution step widths are not accepted. Try a positive integer"}"#),
        Case(name: "too many points", uri: "/api/v1/query_range?query=1&start=1&end=100000&step=1", status: 400,
             body: #"{"status":"error","errorType":"bad_data","error":"exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)"}"#),
        Case(name: "a range vector in a range query", uri: "/api/v1/query_range?query=x%5B5m%5D&start=1&end=100&step=10",
             status: 400,
             body: #"{"status":"error","errorType":"bad_data","error":"invalid expression type \"range vector\" for range query, must be Scalar or instant Vector"}"#),
        Case(name: "a bad timeout", uri: "/api/v1/query?query=1&timeout=abc", status: 400,
             body: #"{"status":"error","errorType":"bad_data","error":"invalid parameter \"timeout\": cannot parse \"abc\" to a valid duration"}"#),
        Case(name: "series without match[]", uri: "/api/v1/series", status: 400,
             body: #"{"status":"error","errorType":"bad_data","error":"no match[] parameter provided"}"#),
        Case(name: "series matching everything", uri: "/api/v1/series?match[]=%7Bfoo%3D%22%22%7D", status: 400,
             body: #"{"status":"error","errorType":"bad_data","error":"invalid parameter \"match[]\": match[] must contain at least one non-empty matcher"}"#),
        Case(name: "series with an expression", uri: "/api/v1/series?match[]=up%2B1", status: 400,
             body: #"{"status":"error","errorType":"bad_data","error":"invalid parameter \"match[]\": 1:3: parse error: unexpected \u003cop:+\u003e"}"#),
        Case(name: "series with a bad start", uri: "/api/v1/series?match[]=up&start=abc", status: 400,
             body: #"{"status":"error","errorType":"bad_data","error":"invalid parameter \"start\": Invalid time value for 'start': cannot parse \"abc\" to a valid timestamp"}"#),
        Case(name: "labels with an expression", uri: "/api/v1/labels?match[]=up%2B", status: 400,
             body: #"{"status":"error","errorType":"bad_data","error":"1:3: parse error: unexpected \u003cop:+\u003e"}"#),
        Case(name: "an invalid label name", uri: "/api/v1/label/1bad/values", status: 400,
             body: #"{"status":"error","errorType":"bad_data","error":"invalid label name: \"1bad\""}"#),
        Case(name: "format_query of bad input", uri: "/api/v1/format_query?query=sum(", status: 400,
             body: #"{"status":"error","errorType":"bad_data","error":"invalid parameter \"query\": 1:5: parse error: unclosed left parenthesis"}"#),

        // execution (422)
        Case(name: "an execution error", uri: "/api/v1/query?query=label_replace(vector(1),%22a%22,%22b%22,%22c%22,%22(%22)&time=1",
             status: 422,
             body: #"{"status":"error","errorType":"execution","error":"invalid regular expression in label_replace(): ("}"#),
        Case(name: "duplicate series in a match group",
             uri: "/api/v1/query?query=http_requests_total%20%2B%20on(job)%20group_left%20http_requests_total&time=285",
             status: 422,
             body: #"{"status":"error","errorType":"execution","error":"found duplicate series for the match group {job=\"api\"} on the right hand-side of the operation: [{__name__=\"http_requests_total\", instance=\"b\", job=\"api\"}, {__name__=\"http_requests_total\", instance=\"a\", job=\"api\"}];many-to-many matching not allowed: matching labels must be unique on one side"}"#),
    ]

    @Test(arguments: getCases)
    func getAnswersAsPrometheusDoes(_ testCase: Case) async throws {
        let app = Application(router: try APITestFixture.router())
        try await app.test(.router) { client in
            try await client.execute(uri: testCase.uri, method: .get) { response in
                #expect(String(buffer: response.body) == testCase.body)
                #expect(response.status.code == testCase.status)
                #expect(response.headers[.contentType] == "application/json")
            }
        }
    }

    static let postCases: [Case] = [
        Case(name: "query", uri: "/api/v1/query", status: 200,
             body: #"{"status":"success","data":{"resultType":"scalar","result":[5,"2"]}}"#),
        Case(name: "query_range", uri: "/api/v1/query_range", status: 200,
             body: #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[0,"2"],[5,"2"]]}]}}"#),
        Case(name: "series", uri: "/api/v1/series", status: 200,
             body: #"{"status":"success","data":[{"__name__":"temperature","room":"x\u003cy"}]}"#),
        Case(name: "labels", uri: "/api/v1/labels", status: 200,
             body: #"{"status":"success","data":["__name__","room"]}"#),
        Case(name: "format_query", uri: "/api/v1/format_query", status: 200,
             body: #"{"status":"success","data":"1 + 1"}"#),
    ]

    @Test(arguments: postCases)
    func postReadsFormBodies(_ testCase: Case) async throws {
        let app = Application(router: try APITestFixture.router())
        let form = "query=1%2B1&time=5&start=0&end=5&step=5&match%5B%5D=temperature"
        try await app.test(.router) { client in
            try await client.execute(
                uri: testCase.uri, method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: form)
            ) { response in
                #expect(String(buffer: response.body) == testCase.body)
                #expect(response.status.code == testCase.status)
            }
        }
    }

    @Test func aFormBodyTakesPrecedenceOverTheURL() async throws {
        let app = Application(router: try APITestFixture.router())
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/api/v1/query?query=3&time=7", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "query=4")
            ) { response in
                #expect(String(buffer: response.body)
                    == #"{"status":"success","data":{"resultType":"scalar","result":[7,"4"]}}"#)
            }
        }
    }
}
