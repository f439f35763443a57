import Testing
@testable import KubernetesClient

@Suite("backoff and retry classification")
struct BackoffTests {
    @Test("doubles up to the cap, with bounded jitter")
    func doublesToCap() {
        let backoff = Backoff(initial: .milliseconds(100), maximum: .seconds(1), jitter: 0.5)
        #expect(backoff.delay(forAttempt: 0, random: 0) == .milliseconds(100))
        #expect(backoff.delay(forAttempt: 3, random: 0) == .milliseconds(800))
        #expect(backoff.delay(forAttempt: 4, random: 0) == .seconds(1))
        #expect(backoff.delay(forAttempt: 1_000, random: 0) == .seconds(1))
        #expect(backoff.delay(forAttempt: 0, random: 0.999) < .milliseconds(150))
    }

    @Test("classifies errors", arguments: [
        (429, true), (500, true), (503, true), (501, false), (404, false), (409, false), (410, false), (400, false),
    ])
    func classifies(_ code: Int, _ retriable: Bool) {
        let error = KubernetesError.api(APIStatus(code: code), verb: .get, resource: "pods", name: nil)
        #expect(error.isRetriable == retriable)
    }

    @Test("writes are retried only when the server cannot have acted")
    func writesRetriedCarefully() {
        let policy = RetryPolicy(maxAttempts: 3)
        let unavailable = KubernetesError.api(APIStatus(code: 503), verb: .create, resource: "pods", name: nil)
        let throttled = KubernetesError.api(APIStatus(code: 429), verb: .create, resource: "pods", name: nil)
        #expect(!policy.shouldRetry(unavailable, verb: .create, attempt: 0))
        #expect(policy.shouldRetry(throttled, verb: .create, attempt: 0))
        #expect(policy.shouldRetry(unavailable, verb: .list, attempt: 1))
        #expect(!policy.shouldRetry(unavailable, verb: .list, attempt: 2))
    }

    @Test("Retry-After wins over the backoff, within a cap")
    func retryAfter() {
        var status = APIStatus(code: 429)
        status.details = APIStatus.Details()
        status.details?.retryAfterSeconds = 7
        let error = KubernetesError.api(status, verb: .get, resource: "pods", name: nil)
        #expect(RetryPolicy().delay(for: error, attempt: 0) == .seconds(7))
        #expect(RetryPolicy(maximumRetryAfter: .seconds(2)).delay(for: error, attempt: 0) == .seconds(2))
    }
}
