import Foundation
import Hummingbird
import NIOCore

/// Request context that keeps the channel, so a fault can close the connection without
/// answering.
struct FakeRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }
}

/// Thrown after a fault closed the connection; there is nobody left to answer.
struct ConnectionClosedByFault: Error {}

/// Turns HTTP requests into calls on the server's state.
struct FakeAPIResponder: HTTPResponder {
    typealias Context = FakeRequestContext
    let server: FakeAPIServer

    /// Largest request body accepted.
    private static let maxBodySize = 16 * 1024 * 1024

    func respond(to request: Request, context: FakeRequestContext) async throws -> Response {
        let query = QueryString.parse(request.uri.query)
        let path = request.uri.path
        let method = request.method.rawValue
        let (route, fault) = server.state.withLock { state -> (RequestRoute?, Fault?) in
            let route = RequestRoute.resolve(path, in: state.cluster)
            let verb = route.map { Self.verb(for: $0, method: method, query: query) }
            if let verb { state.requestCounts[verb, default: 0] += 1 }
            let info = FakeRequestInfo(method: method, path: path, query: query, verb: verb)
            return (route, state.takeFault(for: info))
        }
        switch fault {
        case .status(let code, let reason, let message, let retryAfter)?:
            return Self.statusResponse(
                APIStatusError(code: code, reason: reason, message: message, retryAfterSeconds: retryAfter))
        case .delay(let duration)?:
            try await Task.sleep(for: duration)
        case .closeConnection?:
            try await context.channel.close()
            throw ConnectionClosedByFault()
        case .respond(let status, let body)?:
            return Response(
                status: HTTPResponse.Status(code: status),
                headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
        case nil:
            break
        }
        guard let route else { return Self.statusResponse(.unknownPath) }
        do {
            var request = request
            let body = try await request.collectBody(upTo: Self.maxBodySize)
            let handler = RequestHandler(
                server: server, method: method, query: query, headers: request.headers, body: body)
            return try handler.handle(route)
        } catch let error as APIStatusError {
            return Self.statusResponse(error)
        }
    }

    static func verb(for route: RequestRoute, method: String, query: [String: String]) -> FakeVerb {
        guard case .resource(_, _, let name, _) = route else { return .discovery }
        switch (method, name) {
        case ("GET", nil): return query["watch"] == "true" || query["watch"] == "1" ? .watch : .list
        case ("GET", _): return .get
        case ("POST", _): return .create
        case ("PUT", _): return .update
        case ("PATCH", _): return .patch
        case ("DELETE", nil): return .deleteCollection
        case ("DELETE", _): return .delete
        default: return .get
        }
    }

    static func statusResponse(_ error: APIStatusError) -> Response {
        var response = jsonResponse(error.statusObject, status: error.code)
        if let seconds = error.retryAfterSeconds { response.headers[.retryAfter] = String(seconds) }
        return response
    }

    static func jsonResponse(_ value: JSONValue, status: Int = 200) -> Response {
        var buffer = ByteBuffer()
        buffer.writeBytes(value.encoded())
        return Response(
            status: HTTPResponse.Status(code: status), headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: buffer))
    }
}
