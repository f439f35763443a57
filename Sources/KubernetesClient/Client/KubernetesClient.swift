import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// An HTTP client for one Kubernetes API server.
///
/// ```swift
/// let client = try KubernetesClient(configuration: try Kubeconfig.load(), logger: logger)
/// defer { try? await client.shutdown() }
/// let services = try await client.api(Service.self, namespace: "kthena").list()
/// ```
///
/// Requests that fail with a retriable error are retried according to `retryPolicy`
/// (reads always; writes only when the server cannot have acted on them).
public final class KubernetesClient: Sendable {
    public let configuration: ClientConfiguration
    let httpClient: HTTPClient
    let logger: Logger
    let retryPolicy: RetryPolicy
    let sleep: @Sendable (Duration) async throws -> Void
    /// Largest response body read into memory (lists of very large clusters fit).
    let maximumBodyBytes = 512 * 1024 * 1024
    /// Time allowed for a non-watch request to get its response head.
    let requestTimeout: TimeAmount

    /// - Parameters:
    ///   - sleep: how retries wait; injected so tests need not wait for real.
    public init(
        configuration: ClientConfiguration,
        logger: Logger,
        retryPolicy: RetryPolicy = RetryPolicy(),
        requestTimeout: Duration = .seconds(30),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) throws(KubernetesError) {
        self.configuration = configuration
        self.logger = logger
        self.retryPolicy = retryPolicy
        self.sleep = sleep
        self.requestTimeout = .nanoseconds(Int64(requestTimeout.components.seconds) * 1_000_000_000
            + requestTimeout.components.attoseconds / 1_000_000_000)
        var httpConfiguration = HTTPClient.Configuration()
        if configuration.server.scheme == "https" {
            do {
                httpConfiguration.tlsConfiguration = try configuration.tls.makeTLSConfiguration()
            } catch {
                throw .configuration(error)
            }
        }
        // No read timeout: watches are legitimately silent for minutes. Quiet watches are
        // ended by the server's timeoutSeconds and by the informer's idle watchdog.
        httpConfiguration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(10))
        httpConfiguration.decompression = .enabled(limit: .ratio(100))
        // Every open watch holds a connection for minutes; an operator watches a dozen
        // kinds (times the watched namespaces), so the default of 8 per host would leave
        // no connection for ordinary requests.
        httpConfiguration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 256
        // kubeconfig `tls-server-name`: requests name the certificate's host, and the
        // connection goes to the server's real address.
        httpConfiguration.dnsOverride = configuration.dnsOverride
        self.httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: httpConfiguration)
    }

    /// Closes connections. Call once, when done with the client.
    public func shutdown() async throws {
        try await httpClient.shutdown()
    }

    /// A client for one kind, in one namespace (or all namespaces when `nil`).
    public func api<T: KubernetesResource>(_ type: T.Type, namespace: String? = nil) -> ResourceClient<T> {
        ResourceClient(client: self, resource: T.resource, namespace: namespace)
    }

    /// A client for any kind, objects held as JSON (custom resources).
    public func api(dynamic resource: ResourceKind, namespace: String? = nil) -> ResourceClient<DynamicObject> {
        ResourceClient(client: self, resource: resource, namespace: namespace)
    }

    // MARK: Transport

    struct Request: Sendable {
        var method: HTTPMethod
        var path: String
        var query: [(String, String)] = []
        var body: [UInt8]? = nil
        var contentType: String? = nil
        var verb: KubernetesError.Verb
        var resource: String
        var name: String?
    }

    func url(for request: Request) -> String {
        var base = configuration.requestBaseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        var url = base + request.path
        if !request.query.isEmpty {
            url += "?" + request.query.map { "\($0.0)=\(Self.queryEscape($0.1))" }.joined(separator: "&")
        }
        return url
    }

    static func queryEscape(_ value: String) -> String { value.percentEncoded() }

    func makeHTTPRequest(_ request: Request) throws(KubernetesError) -> HTTPClientRequest {
        var http = HTTPClientRequest(url: url(for: request))
        http.method = request.method
        http.headers.add(name: "Accept", value: "application/json")
        http.headers.add(name: "User-Agent", value: configuration.userAgent)
        do {
            if let authorization = try configuration.credentials.authorizationHeader() {
                http.headers.add(name: "Authorization", value: authorization)
            }
        } catch {
            throw .configuration(error)
        }
        if let body = request.body {
            http.headers.add(name: "Content-Type", value: request.contentType ?? "application/json")
            http.body = .bytes(ByteBuffer(bytes: body))
        }
        return http
    }

    /// Sends a request and returns the body of a 2xx answer, retrying per `retryPolicy`.
    func send(_ request: Request) async throws(KubernetesError) -> [UInt8] {
        var attempt = 0
        while true {
            do {
                return try await sendOnce(request)
            } catch {
                guard retryPolicy.shouldRetry(error, verb: request.verb, attempt: attempt) else { throw error }
                let delay = retryPolicy.delay(for: error, attempt: attempt)
                logger.debug(
                    "retrying request",
                    metadata: [
                        "vigil.k8s.verb": "\(request.verb.rawValue)", "vigil.k8s.resource": "\(request.resource)",
                        "vigil.k8s.attempt": "\(attempt + 1)", "vigil.k8s.delay": "\(delay)",
                        "vigil.k8s.error": "\(error)",
                    ])
                do { try await sleep(delay) } catch { throw .transport(verb: request.verb, resource: request.resource, underlying: "cancelled") }
                attempt += 1
            }
        }
    }

    private func sendOnce(_ request: Request) async throws(KubernetesError) -> [UInt8] {
        let http = try makeHTTPRequest(request)
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await httpClient.execute(http, timeout: requestTimeout, logger: logger)
            body = try await response.body.collect(upTo: maximumBodyBytes)
        } catch {
            throw .transport(verb: request.verb, resource: request.resource, underlying: Self.describeTransport(error))
        }
        let bytes = Array(body.readableBytesView)
        guard (200..<300).contains(response.status.code) else {
            throw Self.apiError(status: response.status, headers: response.headers, body: bytes, request: request)
        }
        return bytes
    }

    /// Opens a streaming request (watch). Errors before the body starts are thrown here.
    func openStream(_ request: Request) async throws(KubernetesError) -> HTTPClientResponse {
        let http = try makeHTTPRequest(request)
        let response: HTTPClientResponse
        do {
            response = try await httpClient.execute(http, timeout: requestTimeout, logger: logger)
        } catch {
            throw .transport(verb: request.verb, resource: request.resource, underlying: Self.describeTransport(error))
        }
        guard (200..<300).contains(response.status.code) else {
            let body = (try? await response.body.collect(upTo: 1024 * 1024)).map { Array($0.readableBytesView) } ?? []
            throw Self.apiError(status: response.status, headers: response.headers, body: body, request: request)
        }
        return response
    }

    static func apiError(status: HTTPResponseStatus, headers: HTTPHeaders, body: [UInt8], request: Request) -> KubernetesError {
        var apiStatus: APIStatus
        if let value = try? JSONParser.parse(body), let decoded = try? JSONCoding.decode(APIStatus.self, from: value),
            decoded.code != nil || decoded.reason != nil
        {
            apiStatus = decoded
        } else {
            let text = String(decoding: body.prefix(512), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            apiStatus = APIStatus(code: Int(status.code), reason: status.reasonPhrase, message: text.isEmpty ? status.reasonPhrase : text)
        }
        if apiStatus.code == nil { apiStatus.code = Int(status.code) }
        if let retryAfter = headers.first(name: "Retry-After").flatMap(Int.init), retryAfter > 0 {
            var details = apiStatus.details ?? APIStatus.Details()
            if details.retryAfterSeconds == nil { details.retryAfterSeconds = retryAfter }
            apiStatus.details = details
        }
        return .api(apiStatus, verb: request.verb, resource: request.resource, name: request.name)
    }

    static func describeTransport(_ error: any Error) -> String {
        if let clientError = error as? HTTPClientError {
            switch clientError {
            case .deadlineExceeded: return "timed out waiting for the API server"
            case .remoteConnectionClosed: return "connection closed by the API server"
            case .connectTimeout: return "connect timed out"
            default: return "\(clientError)"
            }
        }
        let text = "\(error)"
        if text.contains("refused") { return "connect: connection refused" }
        return text
    }
}
