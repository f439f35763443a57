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
    /// redirects followed by the `HTTPClient` itself (this client follows them, so that a
    /// pool's `follow_redirects: false` can refuse them), and no retried connection attempts.
    public static func makeHTTPClientConfiguration() -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.decompression = .enabled(limit: .ratio(500))
        configuration.redirectConfiguration = .disallow
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

    /// Scrapes `request.url`. Redirects (301, 302, 303, 307, 308 with a `Location`) are
    /// followed as Go's client does — at most 10, the same headers (credentials included,
    /// as Prometheus's authorizing transport adds them to every hop), one deadline for
    /// all — unless `request.followRedirects` is false, when the redirect is the answer.
    public func fetch(_ request: ScrapeRequest) async throws(ScrapeError) -> ScrapeResponse {
        let deadline = NIODeadline.now() + TimeAmount.nanoseconds(request.timeout.nanoseconds)
        var url = request.url
        var redirects = 0
        while true {
            let response = try await send(request, to: url, deadline: deadline)
            guard request.followRedirects, RedirectLocation.statuses.contains(response.status.code),
                  let location = response.headers.first(name: "Location") else {
                return try await read(response, request: request, url: url)
            }
            // Read a small redirect body so the connection can be reused; a larger one is
            // cut off (the connection closes), which is all the error would say.
            _ = try? await response.body.collect(upTo: 64 << 10)
            let next = RedirectLocation.resolve(location, against: url)
            guard redirects < RedirectLocation.maximumRedirects else {
                throw .connection(url: next, reason: "stopped after \(RedirectLocation.maximumRedirects) redirects")
            }
            redirects += 1
            url = next
        }
    }

    private func send(_ request: ScrapeRequest, to url: String, deadline: NIODeadline) async throws(ScrapeError)
        -> HTTPClientResponse
    {
        var httpRequest = HTTPClientRequest(url: url)
        for header in request.headers { httpRequest.headers.add(name: header.name, value: header.value) }
        httpRequest.tlsConfiguration = tlsConfiguration
        do {
            return try await httpClient.execute(httpRequest, deadline: deadline)
        } catch {
            throw Self.map(error, url: url)
        }
    }

    private func read(_ response: HTTPClientResponse, request: ScrapeRequest, url: String) async throws(ScrapeError)
        -> ScrapeResponse
    {
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
            throw Self.map(error, url: url)
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
