/// The Kubernetes verb a request was routed to; requests are counted per verb.
public enum FakeVerb: String, Sendable, Hashable, CaseIterable {
    case get, list, watch, create, update, patch, delete, deleteCollection, discovery
}

/// What the fake knows about a request when deciding whether a fault applies.
public struct FakeRequestInfo: Sendable {
    /// HTTP method, e.g. "GET".
    public var method: String
    /// Path without the query, e.g. `/api/v1/namespaces/default/services`.
    public var path: String
    /// Decoded query parameters.
    public var query: [String: String]
    /// The routed verb, or nil for paths the server does not serve.
    public var verb: FakeVerb?
}

/// Chooses which requests a fault applies to.
public struct FaultMatcher: Sendable {
    let predicate: @Sendable (FakeRequestInfo) -> Bool

    public init(_ predicate: @escaping @Sendable (FakeRequestInfo) -> Bool) { self.predicate = predicate }

    /// Every request.
    public static let any = FaultMatcher { _ in true }

    /// Requests routed to `verb`.
    public static func verb(_ verb: FakeVerb) -> FaultMatcher { FaultMatcher { $0.verb == verb } }

    /// Requests with this HTTP method whose path starts with `pathPrefix`.
    public static func request(method: String? = nil, pathPrefix: String = "/") -> FaultMatcher {
        FaultMatcher { info in
            (method.map { $0.uppercased() == info.method } ?? true) && info.path.hasPrefix(pathPrefix)
        }
    }
}

/// A misbehaviour the fake can inject before serving a request normally.
public enum Fault: Sendable {
    /// Answer with this status code and a `Status` body, without touching state. A
    /// `retryAfterSeconds` adds a `Retry-After` header (use with 429 or 503).
    case status(code: Int, reason: String, message: String, retryAfterSeconds: Int? = nil)
    /// Wait, then serve the request normally.
    case delay(Duration)
    /// Close the TCP connection without sending any response.
    case closeConnection
    /// Answer with exactly these bytes as a JSON body (malformed lists, corrupt watch
    /// streams, oversized watch lines), then end the response.
    case respond(status: Int, body: [UInt8])

    /// 500 InternalError.
    public static let internalError = Fault.status(
        code: 500, reason: "InternalError", message: "Internal error occurred: injected fault")
    /// 503 ServiceUnavailable with a Retry-After.
    public static func serviceUnavailable(retryAfterSeconds: Int = 1) -> Fault {
        .status(code: 503, reason: "ServiceUnavailable", message: "the server is currently unable to handle the request",
            retryAfterSeconds: retryAfterSeconds)
    }
    /// 429 TooManyRequests with a Retry-After.
    public static func tooManyRequests(retryAfterSeconds: Int = 1) -> Fault {
        .status(code: 429, reason: "TooManyRequests", message: "too many requests, please try again later",
            retryAfterSeconds: retryAfterSeconds)
    }
}

/// A fault with how many more requests it applies to.
struct FaultRule: Sendable {
    var fault: Fault
    var remaining: Int
    var matcher: FaultMatcher
}
