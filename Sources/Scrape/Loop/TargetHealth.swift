/// What a target's last scrape told, for status conditions and `/api/v1/targets`.
public struct TargetHealth: Sendable, Hashable {
    /// `up`, `down` or `unknown` (not scraped yet), as Prometheus reports it.
    public enum State: String, Sendable, Hashable {
        case up
        case down
        case unknown
    }

    /// The target.
    public var target: ScrapeTarget
    /// Health after the last scrape.
    public var state: State
    /// Why the last scrape failed; nil when it succeeded or none happened yet.
    public var lastError: ScrapeError?
    /// When the last scrape started, in milliseconds since the Unix epoch.
    public var lastScrape: Int64?
    /// How long the last scrape took, parsing and storing included.
    public var lastScrapeDuration: Duration?
    /// Scrapes done since the target appeared.
    public var scrapeCount: Int

    /// A target not scraped yet.
    public init(target: ScrapeTarget) {
        self.target = target
        self.state = .unknown
        self.lastError = nil
        self.lastScrape = nil
        self.lastScrapeDuration = nil
        self.scrapeCount = 0
    }
}
