#if canImport(Hummingbird)
import Hummingbird
import Logging
import Synchronization
import Testing

/// Runs a Hummingbird router on 127.0.0.1 (a free port) while a test body runs.
enum LoopbackServer {
    /// A logger for in-process test servers. Only critical messages: a client that hangs
    /// up early (a timed-out scrape) and the shutdown at the end of a test otherwise log
    /// errors such as `Server shutdown error: Already closed` that are expected here.
    static var quietLogger: Logger {
        var logger = Logger(label: "vigil-test-server")
        logger.logLevel = .critical
        return logger
    }

    /// Serves `router` until `body` returns or throws; `body` gets the bound port.
    static func run<Result: Sendable>(_ router: Router<BasicRequestContext>,
                                      _ body: (Int) async throws -> Result) async throws -> Result {
        let port = Mutex<Int?>(nil)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in port.withLock { $0 = channel.localAddress?.port } },
                              logger: quietLogger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            defer { group.cancelAll() }
            var bound: Int?
            for _ in 0..<10_000 where bound == nil {
                bound = port.withLock { $0 }
                if bound == nil { try await Task.sleep(for: .milliseconds(1)) }  // real socket: wait for bind
            }
            return try await body(try #require(bound))
        }
    }
}
#endif
