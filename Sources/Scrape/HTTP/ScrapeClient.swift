import Exposition

/// One HTTP scrape to perform.
public struct ScrapeRequest: Sendable, Hashable {
    /// The full URL, query parameters included.
    public var url: String
    /// How long the whole request may take; sent as `X-Prometheus-Scrape-Timeout-Seconds`.
    public var timeout: Duration
    /// Largest accepted (decompressed) body in bytes; 0 means no limit.
    public var bodySizeLimit: Int
    /// Credentials to send.
    public var authorization: ScrapeAuthorization?
    /// Whether redirects are followed (`follow_redirects`); when false a redirect fails the
    /// scrape with its status.
    public var followRedirects: Bool

    /// Creates a request.
    public init(url: String, timeout: Duration, bodySizeLimit: Int = 0, authorization: ScrapeAuthorization? = nil,
                followRedirects: Bool = true) {
        self.url = url
        self.timeout = timeout
        self.bodySizeLimit = bodySizeLimit
        self.authorization = authorization
        self.followRedirects = followRedirects
    }

    /// The `Accept` header Prometheus 2.42 sends.
    public static let acceptHeader = ExpositionFormat.scrapeAcceptHeader

    /// The headers Prometheus sends with every scrape, credentials included.
    public var headers: [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = [
            ("Accept", Self.acceptHeader),
            ("Accept-Encoding", "gzip"),
            ("User-Agent", "Vigil/Prometheus-compatible"),
            ("X-Prometheus-Scrape-Timeout-Seconds", Self.seconds(timeout)),
        ]
        if let authorization { headers.append(("Authorization", authorization.headerValue)) }
        return headers
    }

    /// `timeout.Seconds()` printed as Go's `strconv.FormatFloat(f, 'f', -1, 64)` would.
    static func seconds(_ duration: Duration) -> String {
        let milliseconds = duration.wholeMilliseconds
        if milliseconds % 1000 == 0 { return String(milliseconds / 1000) }
        var text = String(Double(milliseconds) / 1000)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }
}

/// Credentials for a scrape.
public enum ScrapeAuthorization: Sendable, Hashable {
    /// `Authorization: Bearer <token>`.
    case bearer(token: String)
    /// `Authorization: Basic base64(user:password)`.
    case basic(username: String, password: String)

    /// The `Authorization` header value.
    public var headerValue: String {
        switch self {
        case .bearer(let token): "Bearer \(token)"
        case .basic(let username, let password): "Basic \(Base64.encode(Array("\(username):\(password)".utf8)))"
        }
    }
}

/// A successful HTTP answer (status 200), body already decompressed.
public struct ScrapeResponse: Sendable, Hashable {
    /// The body bytes.
    public var body: [UInt8]
    /// The `Content-Type` header, if any; picks the parser.
    public var contentType: String?

    /// Creates a response.
    public init(body: [UInt8], contentType: String?) {
        self.body = body
        self.contentType = contentType
    }
}

/// Fetches one scrape. The production implementation is ``HTTPScrapeClient``; tests use
/// fakes that serve fixtures.
///
/// Implementations enforce `bodySizeLimit` and turn non-200 statuses into
/// ``ScrapeError/httpStatus(_:reason:)``. The caller enforces `timeout` on its clock too,
/// so a fake need not.
public protocol ScrapeClient: Sendable {
    /// Performs the request.
    func fetch(_ request: ScrapeRequest) async throws(ScrapeError) -> ScrapeResponse

    /// The client a pool whose options carry `tls` settings scrapes with. A client that
    /// does not do TLS itself (a fake) returns itself.
    func configured(for tls: ScrapeTLSOptions) -> any ScrapeClient
}

extension ScrapeClient {
    public func configured(for tls: ScrapeTLSOptions) -> any ScrapeClient { self }
}

/// Minimal Base64 for basic auth (Foundation stays out of the library).
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let b0 = bytes[index]
            let b1 = index + 1 < bytes.count ? bytes[index + 1] : 0
            let b2 = index + 2 < bytes.count ? bytes[index + 2] : 0
            output.append(alphabet[Int(b0 >> 2)])
            output.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            output.append(index + 1 < bytes.count ? alphabet[Int((b1 & 0x0f) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            output.append(index + 2 < bytes.count ? alphabet[Int(b2 & 0x3f)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }
}
