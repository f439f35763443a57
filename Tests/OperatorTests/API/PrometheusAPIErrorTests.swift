import Operator
import PromQL
import Testing

/// The error types that need a running query to provoke: timeout, cancellation, and the
/// mapping of every type to Prometheus's HTTP status.
@Suite struct PrometheusAPIErrorTests {
    static let longRange = APIParameters([("query", "vector(1)"), ("start", "0"), ("end", "5000"), ("step", "1")])

    @Test func aQueryPastItsTimeoutAnswersTimeout503() throws {
        let parameters = APIParameters([("timeout", "0")] + [("query", "vector(1)"), ("start", "0"), ("end", "5000"), ("step", "1")])
        let response = try APITestFixture.api().queryRange(parameters)
        #expect(response.status == 503)
        #expect(response.text == #"{"status":"error","errorType":"timeout","error":"query timed out in expression evaluation"}"#)
    }

    @Test func aCancelledRequestAnswersCanceled499() async throws {
        let api = try APITestFixture.api()
        let response = await Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return api.queryRange(Self.longRange)
        }.value
        #expect(response.status == 499)
        #expect(response.text == #"{"status":"error","errorType":"canceled","error":"query was canceled in expression evaluation"}"#)
    }

    @Test func exactlyElevenThousandStepsAreAllowedAsInPrometheus() throws {
        let api = try APITestFixture.api()
        let allowed = api.queryRange(APIParameters([("query", "1"), ("start", "0"), ("end", "11000"), ("step", "1")]))
        #expect(allowed.status == 200)
        let refused = api.queryRange(APIParameters([("query", "1"), ("start", "0"), ("end", "11001"), ("step", "1")]))
        #expect(refused.status == 400)
    }

    @Test func tooManySamplesIsAnExecutionError() throws {
        let api = PrometheusAPI(storage: try APITestFixture.store(),
                                engine: Engine(options: Engine.Options(maxSamples: 10)), now: { 0 })
        let response = api.queryRange(Self.longRange)
        #expect(response.status == 422)
        #expect(response.text.contains(#""errorType":"execution""#))
    }

    @Test(arguments: [
        (APIError.Kind.badData, 400), (.execution, 422), (.canceled, 499), (.timeout, 503),
        (.internal, 500), (.notFound, 404), (APIError.Kind(rawValue: "unavailable"), 503),
    ])
    func everyErrorTypeHasPrometheusStatus(_ kind: APIError.Kind, _ status: Int) {
        #expect(kind.httpStatus == status)
        #expect(APIResponse.failure(APIError(kind, "x")).status == status)
    }

    @Test func anInternalErrorIsAnEnvelopeToo() {
        #expect(APIResponse.failure(APIError(.internal, "disk <full>")).text
            == #"{"status":"error","errorType":"internal","error":"disk \u003cfull\u003e"}"#)
    }
}
