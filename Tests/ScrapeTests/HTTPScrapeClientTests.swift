// Needs Hummingbird and AsyncHTTPClient in the ScrapeTests target's dependencies; without
// them this file compiles to nothing.
#if canImport(Hummingbird) && canImport(AsyncHTTPClient)
import AsyncHTTPClient
import Hummingbird
import Synchronization
import Testing
@testable import Scrape

/// A tiny exporter on 127.0.0.1 serving a few fixed routes, recording request headers.
private final class TestExporter: Sendable {
    static let metrics = "# TYPE up_total counter\nup_total{path=\"a\"} 1\nother 2.5\n"

    let seenHeaders = Mutex<[String: String]>([:])

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("metrics") { request, _ -> Response in
            self.seenHeaders.withLock { headers in
                for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
            }
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: Self.metrics)))
        }
        router.get("unavailable") { _, _ -> Response in Response(status: .serviceUnavailable) }
        router.get("moved") { _, _ -> Response in Response(status: .found, headers: [.location: "/metrics"]) }
        router.get("old/moved") { _, _ -> Response in Response(status: .movedPermanently, headers: [.location: "../metrics"]) }
        router.get("loop") { _, _ -> Response in Response(status: .temporaryRedirect, headers: [.location: "loop"]) }
        router.get("big") { _, _ -> Response in
            Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: String(repeating: "m 1\n", count: 1000))))
        }
        router.get("gzip") { _, _ -> Response in
            Response(status: .ok, headers: [.contentEncoding: "gzip", .contentType: "text/plain; version=0.0.4"],
                     body: ResponseBody(byteBuffer: ByteBuffer(bytes: StoredGzip.wrap(Array(Self.metrics.utf8)))))
        }
        return router
    }
}

/// Gzip with one uncompressed ("stored") deflate block: enough to test decompression.
private enum StoredGzip {
    static func wrap(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]
        let length = UInt16(data.count)
        out += [1, UInt8(length & 0xff), UInt8(length >> 8), UInt8(~length & 0xff), UInt8(~length >> 8)]
        out += data
        let crc = crc32(data)
        let size = UInt32(data.count)
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: crc >> UInt32(shift))) }
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: size >> UInt32(shift))) }
        return out
    }

    static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xffff_ffff
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xedb8_8320 : crc >> 1 }
        }
        return ~crc
    }
}

@Suite("HTTP scrape client against a real server")
struct HTTPScrapeClientTests {
    /// Runs an exporter on a free port and a real client while `body` runs.
    private func withExporter(_ body: @Sendable (Int, HTTPScrapeClient, TestExporter) async throws -> Void) async throws {
        let exporter = TestExporter()
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton,
                                    configuration: HTTPScrapeClient.makeHTTPClientConfiguration())
        do {
            let client = try HTTPScrapeClient(httpClient: httpClient)
            try await LoopbackServer.run(exporter.router()) { port in try await body(port, client, exporter) }
        } catch {
            try await httpClient.shutdown()
            throw error
        }
        try await httpClient.shutdown()
    }

    @Test("a scrape sends Prometheus' headers and parses the answer")
    func success() async throws {
        try await withExporter { port, client, exporter in
            let result = await ScrapeOnce.scrape(url: "http://127.0.0.1:\(port)/metrics",
                                                 options: .init(timeout: .seconds(5)), client: client)
            let samples = try result.outcome.get()
            #expect(samples.map(\.metricName) == ["up_total", "other"])
            #expect(samples.map(\.value) == [1, 2.5])
            #expect(result.contentType == "text/plain; version=0.0.4; charset=utf-8")
            let headers = exporter.seenHeaders.withLock { $0 }
            #expect(headers["accept"] == ScrapeRequest.acceptHeader)
            #expect(headers["x-prometheus-scrape-timeout-seconds"] == "5")
        }
    }

    @Test("a non-200 answer is reported with its status line")
    func unavailable() async throws {
        try await withExporter { port, client, _ in
            let result = await ScrapeOnce.scrape(url: "http://127.0.0.1:\(port)/unavailable", options: .init(), client: client)
            #expect(throws: ScrapeError.httpStatus(503, reason: "Service Unavailable")) { try result.outcome.get() }
        }
    }

    @Test("a body over the limit fails with body size limit exceeded")
    func bodyLimit() async throws {
        try await withExporter { port, client, _ in
            let result = await ScrapeOnce.scrape(url: "http://127.0.0.1:\(port)/big",
                                                 options: .init(bodySizeLimit: 100), client: client)
            #expect(throws: ScrapeError.bodySizeLimitExceeded) { try result.outcome.get() }
            let unlimited = await ScrapeOnce.scrape(url: "http://127.0.0.1:\(port)/big", options: .init(), client: client)
            let count = try unlimited.outcome.get().count
            #expect(count == 1000)
        }
    }

    @Test("gzip bodies are decompressed")
    func gzip() async throws {
        try await withExporter { port, client, _ in
            let result = await ScrapeOnce.scrape(url: "http://127.0.0.1:\(port)/gzip", options: .init(), client: client)
            let count = try result.outcome.get().count
            #expect(count == 2)
        }
    }

    @Test("redirects are followed with the same headers, relative ones too, unless followRedirects is off")
    func redirects() async throws {
        try await withExporter { port, client, exporter in
            let base = "http://127.0.0.1:\(port)"
            let credentials = ScrapeAuthorization.basic(username: "u", password: "p")
            let followed = try await client.fetch(ScrapeRequest(url: base + "/moved", timeout: .seconds(5),
                                                                authorization: credentials))
            #expect(String(decoding: followed.body, as: UTF8.self) == TestExporter.metrics)
            #expect(exporter.seenHeaders.withLock { $0["authorization"] } == credentials.headerValue)
            let relative = try await client.fetch(ScrapeRequest(url: base + "/old/moved", timeout: .seconds(5)))
            #expect(String(decoding: relative.body, as: UTF8.self) == TestExporter.metrics)
            await #expect(throws: ScrapeError.httpStatus(302, reason: "Found")) {
                try await client.fetch(ScrapeRequest(url: base + "/moved", timeout: .seconds(5), followRedirects: false))
            }
            await #expect(throws: ScrapeError.connection(url: base + "/loop", reason: "stopped after 10 redirects")) {
                try await client.fetch(ScrapeRequest(url: base + "/loop", timeout: .seconds(5)))
            }
        }
    }

    @Test("a Location resolves against the URL that answered, as Go resolves it", arguments: [
        ("http://h:1/a/b?x=1", "/c", "http://h:1/c"),
        ("http://h:1/a/b", "c?y=2", "http://h:1/a/c?y=2"),
        ("http://h:1/a/b/", "../c", "http://h:1/a/c"),
        ("http://h:1/a/b", "./", "http://h:1/a/"),
        ("http://h:1/a/b?x=1", "?y=2", "http://h:1/a/b?y=2"),
        ("https://h/a", "//other:2/p", "https://other:2/p"),
        ("http://h/a", "HTTPS://x/y", "HTTPS://x/y"),
        ("http://h", "metrics", "http://h/metrics"),
        ("http://h/a/b", "/x/../y/./z", "http://h/y/z"),
    ])
    func redirectLocation(_ base: String, _ location: String, _ expected: String) {
        #expect(RedirectLocation.resolve(location, against: base) == expected)
    }

    @Test("a closed port reports connection refused")
    func refused() async throws {
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton,
                                    configuration: HTTPScrapeClient.makeHTTPClientConfiguration())
        let client = try HTTPScrapeClient(httpClient: httpClient)
        // Port 9 (discard) on loopback has no listener here.
        let clock = ContinuousClock()
        let start = clock.now
        let result = await ScrapeOnce.scrape(url: "http://127.0.0.1:9/metrics", options: .init(timeout: .seconds(120)),
                                             client: client)
        // A long timeout and a loose bound: on a loaded CI machine scheduling alone can take
        // seconds, but a refused connection must not wait anywhere near the timeout.
        #expect(start.duration(to: clock.now) < .seconds(60), "a refused connection is not retried until the timeout")
        try await httpClient.shutdown()
        #expect(throws: ScrapeError.connection(url: "http://127.0.0.1:9/metrics", reason: "connection refused")) {
            try result.outcome.get()
        }
    }

    @Test("bad TLS PEM data is a configuration error")
    func badTLS() async throws {
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton)
        #expect(throws: ScrapeClientConfigurationError.self) {
            try HTTPScrapeClient(httpClient: httpClient, tls: ScrapeTLSOptions(caPEM: "not a certificate"))
        }
        #expect(throws: ScrapeClientConfigurationError("tls_config.server_name is not supported")) {
            try HTTPScrapeClient(httpClient: httpClient, tls: ScrapeTLSOptions(serverName: "x"))
        }
        try await httpClient.shutdown()
    }
}
#endif
