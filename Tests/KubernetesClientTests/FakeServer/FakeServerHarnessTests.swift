import AsyncHTTPClient
import FakeKubernetesAPIServer
import Foundation
import Logging
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import Testing

/// A started fake server plus an HTTP client, for tests that speak HTTP to it.
struct FakeServerHarness {
    let server: FakeAPIServer
    let baseURL: String
    /// A client of our own: tests hold many watches open at once, more than the shared
    /// client's default of eight connections per host.
    let client: HTTPClient

    struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var body: JSONValue

        var reason: String? { body["reason"]?.stringValue }
        var message: String? { body["message"]?.stringValue }
    }

    static func run<T>(
        resources: [FakeResource] = .builtIn, historyLimit: Int = 1000, requiresResourceVersionOnUpdate: Bool = true,
        watchBufferLimit: Int = 1000, _ body: (FakeServerHarness) async throws -> T
    ) async throws -> T {
        var logger = Logger(label: "fake-apiserver-test")
        logger.logLevel = .warning
        let server = FakeAPIServer(
            resources: resources, historyLimit: historyLimit,
            requiresResourceVersionOnUpdate: requiresResourceVersionOnUpdate, watchBufferLimit: watchBufferLimit,
            logger: logger)
        let baseURL = try await server.start()
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 64
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let outcome: Result<T, any Error>
        do {
            outcome = .success(try await body(FakeServerHarness(server: server, baseURL: baseURL, client: client)))
        } catch {
            outcome = .failure(error)
        }
        await server.stop()
        try await client.shutdown()
        return try outcome.get()
    }

    /// Sends one request and decodes the JSON answer.
    func send(
        _ method: HTTPMethod, _ path: String, json: JSONValue? = nil, body rawBody: String? = nil,
        contentType: String? = "application/json", timeout: TimeAmount = .seconds(10)
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        if let contentType, json != nil || rawBody != nil { request.headers.add(name: "Content-Type", value: contentType) }
        if let json { request.body = .bytes(ByteBuffer(data: json.encoded())) }
        if let rawBody { request.body = .bytes(ByteBuffer(string: rawBody)) }
        let response = try await client.execute(request, timeout: timeout)
        let buffer = try await response.body.collect(upTo: 64 * 1024 * 1024)
        let body = buffer.readableBytes == 0 ? JSONValue.null : try JSONValue.decode(Data(buffer: buffer))
        return Reply(status: Int(response.status.code), headers: response.headers, body: body)
    }

    func get(_ path: String) async throws -> Reply { try await send(.GET, path) }
    func post(_ path: String, _ object: JSONValue) async throws -> Reply { try await send(.POST, path, json: object) }
    func put(_ path: String, _ object: JSONValue) async throws -> Reply { try await send(.PUT, path, json: object) }
    func delete(_ path: String, _ options: JSONValue? = nil) async throws -> Reply {
        try await send(.DELETE, path, json: options)
    }
    func patch(_ path: String, _ patch: JSONValue, type: String = "application/merge-patch+json") async throws -> Reply {
        try await send(.PATCH, path, json: patch, contentType: type)
    }

    /// Opens a watch and returns its lines as JSON values, ending when the server ends
    /// the stream.
    func watch(_ path: String, timeout: TimeAmount = .seconds(20)) async throws -> WatchLines {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .GET
        let response = try await client.execute(request, timeout: timeout)
        return WatchLines(status: Int(response.status.code), headers: response.headers, body: response.body)
    }
}

/// The lines of a watch response, decoded one JSON object at a time.
struct WatchLines {
    var status: Int
    var headers: HTTPHeaders
    private var iterator: HTTPClientResponse.Body.AsyncIterator
    private var pending = Data()

    init(status: Int, headers: HTTPHeaders, body: HTTPClientResponse.Body) {
        self.status = status
        self.headers = headers
        self.iterator = body.makeAsyncIterator()
    }

    /// The next event, or nil once the stream ended.
    mutating func next() async throws -> JSONValue? {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = pending[pending.startIndex..<newline]
                pending = Data(pending[pending.index(after: newline)...])
                return try JSONValue.decode(Data(line))
            }
            guard let buffer = try await iterator.next() else { return nil }
            pending.append(Data(buffer: buffer))
        }
    }

    /// Reads `count` events, failing if the stream ends first.
    mutating func next(_ count: Int) async throws -> [JSONValue] {
        var events: [JSONValue] = []
        for _ in 0..<count { events.append(try #require(await next())) }
        return events
    }
}

/// Small object builders.
enum Fixture {
    static let services = FakeResource(group: "", version: "v1", plural: "services", kind: "Service")
    static let configMaps = FakeResource(group: "", version: "v1", plural: "configmaps", kind: "ConfigMap")
    static let serviceMonitors = FakeResource(
        group: "monitoring.coreos.com", version: "v1", plural: "servicemonitors", kind: "ServiceMonitor",
        hasStatusSubresource: true, bumpsGeneration: true)

    static func configMap(_ name: String, namespace: String = "default", labels: [String: String] = [:],
        data: [String: String] = ["k": "v"]) -> JSONValue
    {
        [
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": ["name": .string(name), "namespace": .string(namespace),
                "labels": .object(labels.mapValues(JSONValue.string))],
            "data": .object(data.mapValues(JSONValue.string)),
        ]
    }

    static func serviceMonitor(_ name: String, namespace: String = "default", port: String = "web") -> JSONValue {
        [
            "apiVersion": "monitoring.coreos.com/v1", "kind": "ServiceMonitor",
            "metadata": ["name": .string(name), "namespace": .string(namespace)],
            "spec": ["endpoints": [["port": .string(port)]], "selector": ["matchLabels": ["app": "x"]]],
        ]
    }

    static let configMapsPath = "/api/v1/namespaces/default/configmaps"
    static let serviceMonitorsPath = "/apis/monitoring.coreos.com/v1/namespaces/default/servicemonitors"
}

@Suite("Fake API server harness")
struct FakeServerHarnessTests {
    @Test("the server binds a free port on 127.0.0.1 and answers /version")
    func bindsAndAnswers() async throws {
        try await FakeServerHarness.run { harness in
            #expect(harness.baseURL.hasPrefix("http://127.0.0.1:"))
            let reply = try await harness.get("/version")
            #expect(reply.status == 200)
            #expect(reply.body["major"] == "1")
        }
    }

    @Test("start is idempotent while running, and stop ends serving")
    func lifecycle() async throws {
        let server = FakeAPIServer(logger: Logger(label: "fake-apiserver-test"))
        let first = try await server.start()
        #expect(try await server.start() == first)
        #expect(server.baseURL == first)
        await server.stop()
        #expect(server.baseURL == nil)
    }

    @Test("default and kube-system namespaces exist at start")
    func defaultNamespaces() async throws {
        try await FakeServerHarness.run { harness in
            let reply = try await harness.get("/api/v1/namespaces")
            let names = reply.body["items"]?.arrayValue?.compactMap { $0.value(at: ["metadata", "name"])?.stringValue }
            #expect(names == ["default", "kube-system"])
        }
    }
}
