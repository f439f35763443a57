import Foundation
import Hummingbird
import Logging
import Testing

@Suite("vigil scrape", .serialized)
struct ScrapeCommandTests {
    static let exposition = """
        # HELP kthena_inference_requests_total Requests served.
        # TYPE kthena_inference_requests_total counter
        kthena_inference_requests_total{model_id="llama",status="200"} 42
        kthena_inference_requests_total{model_id="llama",status="500"} 3
        kthena_inference_duration_seconds_sum 1.5

        """

    /// Serves a good target at /metrics, a broken one at /broken and a 503 at /down.
    static func withTarget(_ body: (String) async throws -> Void) async throws {
        let router = Router()
        router.get("metrics") { _, _ in exposition }
        router.get("broken") { _, _ in "kthena_inference_requests_total{model_id=llama} 1\n" }
        router.get("down") { _, _ -> Response in Response(status: .serviceUnavailable) }
        var logger = Logger(label: "target")
        logger.logLevel = .critical
        let ports = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { ports.continuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService() }
            var iterator = ports.stream.makeAsyncIterator()
            let port = await iterator.next() ?? 0
            try await body("http://127.0.0.1:\(port)")
            group.cancelAll()
        }
    }

    @Test("prints the parsed series of a target")
    func printsSeries() async throws {
        try await Self.withTarget { base in
            let output = try await VigilBinary.run(["scrape", base + "/metrics"])
            #expect(output.status == 0, "\(output.stderr)")
            #expect(output.stdout.contains(#"kthena_inference_requests_total{model_id="llama",status="500"} 3"#))
            #expect(output.stdout.contains("kthena_inference_duration_seconds_sum 1.5"))
            #expect(output.stdout.contains("# 3 samples"))
        }
    }

    @Test("reports the exact error of a failing target", arguments: [
        ("/broken", "expected label value"),
        ("/down", "server returned HTTP status 503 Service Unavailable"),
    ])
    func reportsErrors(_ path: String, _ message: String) async throws {
        try await Self.withTarget { base in
            let output = try await VigilBinary.run(["scrape", base + path])
            #expect(output.status != 0)
            #expect(output.stderr.contains(message), "\(output.stderr)")
        }
    }

    @Test("an unreachable target is connection refused")
    func unreachable() async throws {
        let output = try await VigilBinary.run(["scrape", "http://127.0.0.1:1/metrics"])
        #expect(output.status != 0)
        #expect(output.stderr.contains("connection refused"))
    }
}
