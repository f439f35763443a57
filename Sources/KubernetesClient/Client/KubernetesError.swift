/// What went wrong talking to the API server. `description` is one line fit for a
/// condition message or a log.
public enum KubernetesError: Error, Sendable, CustomStringConvertible {
    /// The server answered with an error `Status` (or sent an ERROR watch event).
    case api(APIStatus, verb: Verb, resource: String, name: String?)
    /// No usable answer: connection refused or reset, timeout, TLS failure.
    case transport(verb: Verb, resource: String, underlying: String)
    /// The answer could not be decoded (bad JSON, wrong shape, oversized watch line,
    /// unknown watch event type).
    case decoding(verb: Verb, resource: String, message: String)
    /// The client was misconfigured (no server, unreadable token, bad TLS material).
    case configuration(ConfigurationError)

    /// The API verbs, for error context and metrics.
    public enum Verb: String, Sendable {
        case get, list, watch, create, update, patch, apply, delete
        case updateStatus = "update status", patchStatus = "patch status"
    }

    public var description: String {
        switch self {
        case .api(let status, let verb, let resource, let name):
            let target = name.map { "\(resource) \"\($0)\"" } ?? resource
            return "\(verb.rawValue) \(target): \(status.message ?? status.reason ?? "HTTP \(status.code ?? 0)") (\(status.code ?? 0)\(status.reason.map { " \($0)" } ?? ""))"
        case .transport(let verb, let resource, let underlying):
            return "\(verb.rawValue) \(resource): \(underlying)"
        case .decoding(let verb, let resource, let message):
            return "\(verb.rawValue) \(resource): cannot decode response: \(message)"
        case .configuration(let error):
            return error.description
        }
    }

    /// The API `Status`, when the server sent one.
    public var status: APIStatus? {
        if case .api(let status, _, _, _) = self { return status }
        return nil
    }

    public var code: Int? { status?.code }

    /// 404: the object (or its namespace) does not exist.
    public var isNotFound: Bool { code == 404 }
    /// 409 with reason Conflict: the object changed since it was read.
    public var isConflict: Bool { code == 409 && status?.reason != "AlreadyExists" }
    /// 409 AlreadyExists on create.
    public var isAlreadyExists: Bool { code == 409 && status?.reason == "AlreadyExists" }
    /// 410: the resourceVersion is too old; the caller must list again.
    public var isGone: Bool { code == 410 || status?.reason == "Expired" || status?.reason == "Gone" }
    /// 429: the server asked to slow down.
    public var isTooManyRequests: Bool { code == 429 }

    /// The delay the server asked for (`Retry-After` or `details.retryAfterSeconds`).
    public var retryAfter: Duration? {
        guard let seconds = status?.details?.retryAfterSeconds, seconds > 0 else { return nil }
        return .seconds(seconds)
    }

    /// Whether trying again later may succeed: 429, 5xx other than 501, transport errors.
    public var isRetriable: Bool {
        switch self {
        case .api(let status, _, _, _):
            guard let code = status.code else { return false }
            return code == 429 || (code >= 500 && code != 501)
        case .transport:
            return true
        case .decoding, .configuration:
            return false
        }
    }
}
