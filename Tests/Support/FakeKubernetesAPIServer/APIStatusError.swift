/// A failure answered with a Kubernetes `Status` body, spelled the way kube-apiserver
/// spells it (`reason`, `code`, `details`), so clients are tested against real shapes.
public struct APIStatusError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: Int
    public var reason: String
    public var message: String
    public var details: JSONValue?
    /// Seconds for a `Retry-After` header (429 and 503 faults).
    public var retryAfterSeconds: Int?

    public init(code: Int, reason: String, message: String, details: JSONValue? = nil, retryAfterSeconds: Int? = nil) {
        self.code = code
        self.reason = reason
        self.message = message
        self.details = details
        self.retryAfterSeconds = retryAfterSeconds
    }

    public var description: String { "\(code) \(reason): \(message)" }

    /// The `Status` object sent as the response body or inside a watch ERROR event.
    public var statusObject: JSONValue {
        var status: JSONValue = [
            "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
            "message": .string(message), "code": .int(Int64(code)),
        ]
        if !reason.isEmpty { status["reason"] = .string(reason) }
        if let details { status["details"] = details }
        if let retryAfterSeconds {
            var withRetry = details ?? [:]
            withRetry["retryAfterSeconds"] = .int(Int64(retryAfterSeconds))
            status["details"] = withRetry
        }
        return status
    }
}

extension APIStatusError {
    static func details(_ resource: FakeResource, name: String) -> JSONValue {
        var details: JSONValue = ["name": .string(name), "kind": .string(resource.plural)]
        if !resource.group.isEmpty { details["group"] = .string(resource.group) }
        return details
    }

    static func notFound(_ resource: FakeResource, name: String) -> APIStatusError {
        APIStatusError(
            code: 404, reason: "NotFound", message: "\(resource.qualifiedName) \"\(name)\" not found",
            details: details(resource, name: name))
    }

    static func namespaceNotFound(_ name: String) -> APIStatusError {
        APIStatusError(
            code: 404, reason: "NotFound", message: "namespaces \"\(name)\" not found",
            details: ["name": .string(name), "kind": "namespaces"])
    }

    static func alreadyExists(_ resource: FakeResource, name: String) -> APIStatusError {
        APIStatusError(
            code: 409, reason: "AlreadyExists", message: "\(resource.qualifiedName) \"\(name)\" already exists",
            details: details(resource, name: name))
    }

    static func conflict(_ resource: FakeResource, name: String, because detail: String) -> APIStatusError {
        APIStatusError(
            code: 409, reason: "Conflict",
            message: "Operation cannot be fulfilled on \(resource.qualifiedName) \"\(name)\": \(detail)",
            details: details(resource, name: name))
    }

    static func modified(_ resource: FakeResource, name: String) -> APIStatusError {
        conflict(
            resource, name: name,
            because: "the object has been modified; please apply your changes to the latest version and try again")
    }

    static func badRequest(_ message: String) -> APIStatusError {
        APIStatusError(code: 400, reason: "BadRequest", message: message)
    }

    static func invalid(_ resource: FakeResource, name: String, field: String, message: String) -> APIStatusError {
        var details = details(resource, name: name)
        details["causes"] = [["reason": "FieldValueInvalid", "message": .string(message), "field": .string(field)]]
        return APIStatusError(
            code: 422, reason: "Invalid", message: "\(resource.kind) \"\(name)\" is invalid: \(field): \(message)",
            details: details)
    }

    static let unknownPath = APIStatusError(
        code: 404, reason: "NotFound", message: "the server could not find the requested resource",
        details: [:])

    static func methodNotAllowed(_ method: String) -> APIStatusError {
        APIStatusError(
            code: 405, reason: "MethodNotAllowed", message: "the server does not allow this method on the requested resource",
            details: [:])
    }

    static func unsupportedMediaType(_ contentType: String, accepted: [String]) -> APIStatusError {
        APIStatusError(
            code: 415, reason: "UnsupportedMediaType",
            message: "the body of the request was in an unknown format - accepted media types include: "
                + accepted.joined(separator: ", "),
            details: ["causes": [["reason": "UnexpectedServerResponse", "message": .string(contentType)]]])
    }

    static func expired(_ message: String) -> APIStatusError {
        APIStatusError(code: 410, reason: "Expired", message: message)
    }

    /// kube-apiserver answers this one with a bare 500: no reason, no details.
    static let resourceVersionSetOnCreate = APIStatusError(
        code: 500, reason: "", message: "resourceVersion should not be set on objects to be created")

    /// A watch asked for a resourceVersion the server has not reached; kube-apiserver
    /// waits briefly, then answers 504 so the client retries.
    static func tooLargeResourceVersion(_ version: Int64, current: Int64) -> APIStatusError {
        APIStatusError(
            code: 504, reason: "Timeout", message: "Timeout: Too large resource version: \(version), current: \(current)",
            details: ["causes": [["reason": "ResourceVersionTooLarge", "message": "Too large resource version"]]],
            retryAfterSeconds: 1)
    }

    static func internalError(_ message: String) -> APIStatusError {
        APIStatusError(code: 500, reason: "InternalError", message: "Internal error occurred: \(message)")
    }
}
