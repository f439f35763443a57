/// Why a scrape failed. The `description` is what a target's status shows and mirrors
/// Prometheus 2.42's wording (`server returned HTTP status 503 Service Unavailable`,
/// `body size limit exceeded`, `sample limit exceeded`, ...).
public struct ScrapeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure, for code that branches on it (status reasons, metrics).
    public enum Kind: String, Sendable, Hashable {
        /// The target could not be reached (refused, DNS, TLS, reset).
        case connection
        /// No complete answer within `scrape_timeout`.
        case timeout
        /// The target answered with a status other than 200.
        case httpStatus
        /// The body is larger than `body_size_limit`.
        case bodySizeLimit
        /// The body is not a valid exposition.
        case parse
        /// More samples than `sample_limit` after metric relabeling.
        case sampleLimit
        /// A series exceeds `label_limit` or a label length limit.
        case labelLimit
        /// A series has no metric name or invalid label names after relabeling.
        case invalidSeries
        /// The job has more targets than `target_limit`; none of them is scraped.
        case targetLimit
    }

    /// The kind of failure.
    public var kind: Kind
    /// The message shown in target health.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// `Get "URL": context deadline exceeded`, as Go's HTTP client reports a timeout.
    public static func timeout(url: String) -> ScrapeError {
        ScrapeError(.timeout, "Get \"\(url)\": context deadline exceeded")
    }

    /// `Get "URL": <reason>` for a transport failure.
    public static func connection(url: String, reason: String) -> ScrapeError {
        ScrapeError(.connection, "Get \"\(url)\": \(reason)")
    }

    /// `server returned HTTP status 503 Service Unavailable`.
    public static func httpStatus(_ code: Int, reason: String) -> ScrapeError {
        ScrapeError(.httpStatus, "server returned HTTP status \(code) \(reason)")
    }

    /// `body size limit exceeded`.
    public static let bodySizeLimitExceeded = ScrapeError(.bodySizeLimit, "body size limit exceeded")

    /// `sample limit exceeded`.
    public static let sampleLimitExceeded = ScrapeError(.sampleLimit, "sample limit exceeded")

    /// `target_limit exceeded (number of targets: 3, limit: 2)`.
    public static func targetLimitExceeded(targets: Int, limit: Int) -> ScrapeError {
        ScrapeError(.targetLimit, "target_limit exceeded (number of targets: \(targets), limit: \(limit))")
    }
}
