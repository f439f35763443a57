import Exposition

/// One scrape with no storage, for `vigil scrape URL`: fetch, parse, return the samples or
/// the exact error a target's status would show.
public enum ScrapeOnce {
    /// What one scrape returned.
    public struct Result: Sendable {
        /// The parsed samples (labels as exposed, no target labels), or why there are none.
        public var outcome: Swift.Result<[ExpositionSample], ScrapeError>
        /// The response's `Content-Type`, when there was a response.
        public var contentType: String?
        /// Body size in bytes, when there was a response.
        public var bodySize: Int?
    }

    /// Options for ``scrape(url:options:client:)``.
    public struct Options: Sendable {
        /// Whole-request timeout.
        public var timeout: Duration
        /// Largest accepted body; 0 for no limit.
        public var bodySizeLimit: Int
        /// Credentials.
        public var authorization: ScrapeAuthorization?
        /// Creates options (10 s timeout, no limit, no credentials by default).
        public init(timeout: Duration = .seconds(10), bodySizeLimit: Int = 0,
                    authorization: ScrapeAuthorization? = nil) {
            self.timeout = timeout
            self.bodySizeLimit = bodySizeLimit
            self.authorization = authorization
        }
    }

    /// Scrapes `url` once.
    ///
    /// ```swift
    /// let result = await ScrapeOnce.scrape(url: "http://127.0.0.1:9100/metrics",
    ///                                      options: .init(), client: client)
    /// switch result.outcome {
    /// case .success(let samples): samples.forEach { print($0.labels, $0.value) }
    /// case .failure(let error): print(error)   // e.g. "server returned HTTP status 503 ..."
    /// }
    /// ```
    public static func scrape(url: String, options: Options, client: any ScrapeClient) async -> Result {
        let request = ScrapeRequest(url: url, timeout: options.timeout, bodySizeLimit: options.bodySizeLimit,
                                    authorization: options.authorization)
        let response: ScrapeResponse
        do {
            response = try await client.fetch(request)
        } catch {
            return Result(outcome: .failure(error), contentType: nil, bodySize: nil)
        }
        var parser = ExpositionFormat.parser(for: response.contentType, bytes: response.body,
                                             openMetricsOptions: .prometheusCompatible)
        var samples: [ExpositionSample] = []
        do {
            while let entry = try parser.next() {
                if case .sample(let sample) = entry { samples.append(sample) }
            }
        } catch {
            return Result(outcome: .failure(ScrapeError(.parse, error.description)),
                          contentType: response.contentType, bodySize: response.body.count)
        }
        return Result(outcome: .success(samples), contentType: response.contentType, bodySize: response.body.count)
    }
}
