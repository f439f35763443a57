/// Exponential backoff with jitter and a cap, as a value: `delay(forAttempt:)` is pure
/// given the random draw, so tests can check exact timing.
public struct Backoff: Sendable, Hashable {
    public var initial: Duration
    public var multiplier: Double
    public var maximum: Duration
    /// Fraction of the delay added at random (0.1 → up to +10 %), so many clients that
    /// failed together do not retry together.
    public var jitter: Double

    public init(initial: Duration, multiplier: Double = 2, maximum: Duration, jitter: Double = 0.1) {
        self.initial = initial
        self.multiplier = multiplier
        self.maximum = maximum
        self.jitter = jitter
    }

    /// Retries of single API requests: 100 ms doubling to 5 s.
    public static let request = Backoff(initial: .milliseconds(100), maximum: .seconds(5))
    /// Restarts of watches and relists: 800 ms doubling to 30 s (kube-rs's default).
    public static let watch = Backoff(initial: .milliseconds(800), maximum: .seconds(30))

    /// The delay before retry number `attempt` (0-based). `random` is a draw in [0, 1).
    public func delay(forAttempt attempt: Int, random: Double = Double.random(in: 0..<1)) -> Duration {
        let base = initial * pow2(Double(min(attempt, 62)), multiplier)
        let capped = min(base, maximum)
        return capped + capped * (jitter * random)
    }

    private func pow2(_ exponent: Double, _ multiplier: Double) -> Double {
        var result = 1.0
        var remaining = Int(exponent)
        while remaining > 0 && result < 1e12 {
            result *= multiplier
            remaining -= 1
        }
        return result
    }
}

/// When the client retries a failed request by itself.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included.
    public var maxAttempts: Int
    public var backoff: Backoff
    /// Upper bound on a server-requested `Retry-After`.
    public var maximumRetryAfter: Duration

    public init(maxAttempts: Int = 5, backoff: Backoff = .request, maximumRetryAfter: Duration = .seconds(30)) {
        self.maxAttempts = maxAttempts
        self.backoff = backoff
        self.maximumRetryAfter = maximumRetryAfter
    }

    /// No retries: every error reaches the caller.
    public static let never = RetryPolicy(maxAttempts: 1)

    /// Whether to retry `error` for `verb`. Reads are retried on any retriable error;
    /// writes only on 429 (the server did not process the request) and on errors before
    /// a connection was made, so a retried write cannot apply twice.
    func shouldRetry(_ error: KubernetesError, verb: KubernetesError.Verb, attempt: Int) -> Bool {
        guard attempt + 1 < maxAttempts, error.isRetriable else { return false }
        switch verb {
        case .get, .list, .watch: return true
        default:
            if error.isTooManyRequests { return true }
            if case .transport(_, _, let underlying) = error { return underlying.contains("connect") }
            return false
        }
    }

    func delay(for error: KubernetesError, attempt: Int) -> Duration {
        if let requested = error.retryAfter { return min(requested, maximumRetryAfter) }
        return backoff.delay(forAttempt: attempt)
    }
}
