/// A client for a pool whose settings cannot be used (for example a TLS file that cannot be
/// read): every scrape fails at once with the reason, so the pool's targets are down and
/// say why instead of the job silently not running.
public struct UnusableScrapeClient: ScrapeClient {
    /// Why no scrape can be made, shown after `Get "URL": `.
    public let reason: String

    /// Creates a client that fails with `reason`.
    public init(reason: String) { self.reason = reason }

    public func fetch(_ request: ScrapeRequest) async throws(ScrapeError) -> ScrapeResponse {
        throw .connection(url: request.url, reason: reason)
    }
}
