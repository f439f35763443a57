import PromQL

/// An error answer of the Prometheus HTTP API: its `errorType`, its HTTP status and the
/// `error` message, with Prometheus 2.42's pairs of type and status.
public struct APIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The `errorType` field; an open set (Prometheus adds types), so a struct of constants.
    public struct Kind: RawRepresentable, Sendable, Hashable {
        public let rawValue: String
        /// The HTTP status Prometheus answers with for this type.
        public let httpStatus: Int

        public init(rawValue: String) {
            self.rawValue = rawValue
            switch rawValue {
            case "bad_data": httpStatus = 400
            case "execution": httpStatus = 422
            case "canceled": httpStatus = 499  // nginx's "client closed request", as Prometheus
            case "timeout", "unavailable": httpStatus = 503
            case "not_found": httpStatus = 404
            default: httpStatus = 500
            }
        }

        /// Bad parameters or a query that does not parse: 400.
        public static let badData = Kind(rawValue: "bad_data")
        /// The query failed while running (e.g. duplicate series): 422.
        public static let execution = Kind(rawValue: "execution")
        /// The query ran past its timeout: 503.
        public static let timeout = Kind(rawValue: "timeout")
        /// The request was cancelled while the query ran: 499.
        public static let canceled = Kind(rawValue: "canceled")
        /// A failure of the server itself: 500.
        public static let `internal` = Kind(rawValue: "internal")
        /// The endpoint or object does not exist: 404.
        public static let notFound = Kind(rawValue: "not_found")
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// `invalid parameter "name": message`, Prometheus's wrapping of a bad parameter.
    public static func invalidParameter(_ name: String, _ message: String) -> APIError {
        APIError(.badData, "invalid parameter \"\(name)\": \(message)")
    }

    /// The API error for an engine error, as Prometheus's `returnAPIError` maps them.
    /// Parse errors and bad range parameters are `bad_data`; callers that wrap them as an
    /// invalid parameter do so themselves.
    public init(_ error: EvaluationError) {
        switch error {
        case .timeout: self.init(.timeout, error.description)
        case .cancelled: self.init(.canceled, error.description)
        case .invalidQuery, .invalidParameters: self.init(.badData, error.description)
        case .tooManySamples, .execution: self.init(.execution, error.description)
        }
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}
