import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOSSL

/// Scrapes over HTTP(S) with AsyncHTTPClient.
///
/// Sends the headers Prometheus 2.42 sends (`Accept` preferring OpenMetrics,
/// `Accept-Encoding: gzip`, `X-Prometheus-Scrape-Timeout-Seconds`, credentials), enforces
/// the timeout and `body_size_limit` on the decompressed body, and maps failures to
/// ``ScrapeError`` with Prometheus' wording. The `HTTPClient` is the caller's: build it with
/// ``makeHTTPClientConfiguration()`` so gzip bodies are decompressed, and shut it down.
public struct HTTPScrapeClient: ScrapeClient {
    private let httpClient: HTTPClient
    private let tlsConfiguration: TLSConfiguration?

    /// A client for one scrape pool.
    ///
    /// - Throws: ``ScrapeClientConfigurationError`` when the TLS PEM data does not parse
    ///   or asks for something this client cannot do.
    public init(httpClient: HTTPClient, tls: ScrapeTLSOptions? = nil) throws(ScrapeClientConfigurationError) {
        self.httpClient = httpClient
        if let tls {
            self.tlsConfiguration = try Self.makeTLSConfiguration(tls)
        } else {
            self.tlsConfiguration = nil
        }
    }

    /// The `HTTPClient` settings scraping needs: gzip decompression (bounded ratio), no
    /// redirects beyond Go's default of 10, and no retried connection attempts.
    public static func makeHTTPClientConfiguration() -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.decompression = .enabled(limit: .ratio(500))
        configuration.redirectConfiguration = .follow(max: 10, allowCycles: false)
        // A failed connect or TLS handshake fails the scrape at once with its reason, as in
        // Prometheus; retrying until the deadline turned a wrong CA into a timeout.
        configuration.connectionPool.retryConnectionEstablishment = false
        return configuration
    }

    /// A client sharing this one's `HTTPClient` with `tls` settings; when they cannot be
    /// used (unreadable file, bad PEM), a client whose every scrape fails with the reason.
    public func configured(for tls: ScrapeTLSOptions) -> any ScrapeClient {
        do {
            return try HTTPScrapeClient(httpClient: httpClient, tls: tls)
        } catch {
            return UnusableScrapeClient(reason: "tls: \(error.message)")
        }
    }

    public func fetch(_ request: ScrapeRequest) async throws(ScrapeError) -> ScrapeResponse {
        var httpRequest = HTTPClientRequest(url: request.url)
        for header in request.headers { httpRequest.headers.add(name: header.name, value: header.value) }
        httpRequest.tlsConfiguration = tlsConfiguration
        let timeout = TimeAmount.nanoseconds(request.timeout.nanoseconds)
        let deadline = NIODeadline.now() + timeout
        let response: HTTPClientResponse
        do {
            response = try await httpClient.execute(httpRequest, deadline: deadline)
        } catch {
            throw Self.map(error, url: request.url)
        }
        guard response.status == .ok else {
            throw .httpStatus(Int(response.status.code), reason: response.status.reasonPhrase)
        }
        let limit = request.bodySizeLimit > 0 ? request.bodySizeLimit : Int.max
        do {
            let buffer = try await response.body.collect(upTo: limit)
            return ScrapeResponse(body: Array(buffer.readableBytesView), contentType: response.headers.first(name: "Content-Type"))
        } catch is NIOTooManyBytesError {
            throw .bodySizeLimitExceeded
        } catch {
            throw Self.map(error, url: request.url)
        }
    }

    /// Transport errors in Go's words where the meaning is the same.
    static func map(_ error: any Error, url: String) -> ScrapeError {
        if let clientError = error as? HTTPClientError {
            switch clientError {
            case .deadlineExceeded, .readTimeout, .connectTimeout: return .timeout(url: url)
            case .remoteConnectionClosed: return .connection(url: url, reason: "EOF")
            default: break
            }
        }
        if let tlsReason = tlsReason(error) { return .connection(url: url, reason: tlsReason) }
        let text = "\(error)"
        if text.localizedLowercaseContains("refused") { return .connection(url: url, reason: "connection refused") }
        if text.localizedLowercaseContains("reset") { return .connection(url: url, reason: "connection reset by peer") }
        return .connection(url: url, reason: text)
    }
}

/// Why an ``HTTPScrapeClient`` could not be built from a pool's options.
public struct ScrapeClientConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension String {
    fileprivate func localizedLowercaseContains(_ part: String) -> Bool {
        lowercased().contains(part)
    }
}
