/// The `Status` object the API server returns with errors (and with some deletes).
public struct APIStatus: Sendable, Hashable, Codable, CustomStringConvertible {
    public var status: String?
    public var message: String?
    /// Machine-readable cause, e.g. `NotFound`, `Conflict`, `Expired`, `AlreadyExists`.
    public var reason: String?
    public var details: Details?
    public var code: Int?

    public struct Details: Sendable, Hashable, Codable {
        public init() {}
        public var name: String?
        public var group: String?
        public var kind: String?
        public var uid: String?
        public var retryAfterSeconds: Int?
        public var causes: [Cause]?
    }

    public struct Cause: Sendable, Hashable, Codable {
        public var reason: String?
        public var message: String?
        public var field: String?
    }

    public init(code: Int, reason: String? = nil, message: String? = nil) {
        self.status = "Failure"
        self.code = code
        self.reason = reason
        self.message = message
    }

    public var description: String {
        let reasonText = reason.map { " \($0)" } ?? ""
        return "\(code.map(String.init) ?? "?")\(reasonText): \(message ?? "no message")"
    }
}
