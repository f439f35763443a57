import Exposition
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

/// A stand-in for a Kthena inference server, for `vigil demo` and tests: it serves
/// realistic `kthena_inference_*` and `kthena_model_*` metrics on `/metrics` and lets the
/// error ratio and latency be changed while it runs.
///
/// ```swift
/// let service = SyntheticInferenceService()
/// let port = try await service.start()          // 127.0.0.1, a free port
/// // curl http://127.0.0.1:<port>/metrics
/// // curl -X POST 'http://127.0.0.1:<port>/control?errorRatio=0.05&latency=0.4'
/// service.setKnobs(SyntheticInferenceKnobs(errorRatio: 0.2, extraLatency: 0))
/// await service.shutdown()
/// ```
///
/// Traffic is simulated lazily: each scrape (or knob change) first generates the requests
/// that arrived since the last one, so no background task runs and an injected clock makes
/// the output exact. Endpoints: `GET /metrics`, `GET /control` (current knobs),
/// `POST /control?errorRatio=R&latency=S` (400 with the reason for a bad query).
public final class SyntheticInferenceService: Sendable {
    /// Where to listen and what to simulate.
    public struct Configuration: Sendable {
        /// The address to bind; loopback by default.
        public var host: String
        /// The port to bind; 0 picks a free one (read it back from ``SyntheticInferenceService/port``).
        public var port: Int
        /// The models served; a repeated id is dropped.
        public var models: [SyntheticModel]
        /// The knobs at start.
        public var knobs: SyntheticInferenceKnobs
        /// Seeds the latency and size generator; equal seeds give equal metrics.
        public var seed: UInt64

        /// Creates a configuration; the defaults suit the demo.
        public init(
            host: String = "127.0.0.1", port: Int = 0, models: [SyntheticModel] = SyntheticModel.kthenaDefaults,
            knobs: SyntheticInferenceKnobs = .healthy, seed: UInt64 = 0x5EED
        ) {
            self.host = host
            self.port = port
            self.models = models
            self.knobs = knobs
            self.seed = seed
        }
    }

    private let configuration: Configuration
    private let simulation: Mutex<InferenceSimulation>
    /// Time since the service was created, from the injected clock.
    private let elapsed: @Sendable () -> Duration
    private let logger: Logger
    private let lifecycle = Mutex<Lifecycle>(.idle)

    private enum Lifecycle {
        case idle
        case starting
        case running(task: Task<Void, any Error>, group: ServiceGroup, port: Int)
        case stopped
    }

    /// Creates a service whose simulated time follows `clock` (a manual clock in tests).
    public init(
        configuration: Configuration = Configuration(), clock: some Clock<Duration> = ContinuousClock(),
        logger: Logger = Logger(label: "vigil.demo.inference", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.configuration = configuration
        self.simulation = Mutex(InferenceSimulation(
            models: configuration.models, knobs: configuration.knobs, seed: configuration.seed))
        let start = clock.now
        self.elapsed = { start.duration(to: clock.now) }
        self.logger = logger
    }

    // MARK: Knobs and metrics (usable without the server)

    /// The current knobs.
    public var knobs: SyntheticInferenceKnobs {
        simulation.withLock { $0.knobs }
    }

    /// Changes the knobs; requests before this call keep the old ones.
    public func setKnobs(_ knobs: SyntheticInferenceKnobs) {
        updateKnobs { _ in knobs }
    }

    /// Applies a `/control` query (`errorRatio`, `latency`) and returns the new knobs;
    /// knobs the query does not name keep their values.
    @discardableResult
    public func applyControl(query: [(name: String, value: String)]) throws(SyntheticInferenceKnobsError)
        -> SyntheticInferenceKnobs
    {
        try updateKnobs { knobs throws(SyntheticInferenceKnobsError) in try knobs.applying(query: query) }
    }

    /// Reads and replaces the knobs under one lock, so concurrent changes are not lost.
    @discardableResult
    private func updateKnobs<Failure: Error>(
        _ change: (SyntheticInferenceKnobs) throws(Failure) -> SyntheticInferenceKnobs
    ) throws(Failure) -> SyntheticInferenceKnobs {
        let now = elapsed()
        let knobs = try simulation.withLock { simulation throws(Failure) -> SyntheticInferenceKnobs in
            let knobs = try change(simulation.knobs)
            simulation.advance(to: now)
            simulation.setKnobs(knobs)
            return knobs
        }
        logger.info("synthetic inference knobs changed", metadata: ["vigil.demo.knobs": "\(knobs)"])
        return knobs
    }

    /// The metric families as of now.
    public func metricFamilies() -> [MetricFamily] {
        let now = elapsed()
        return simulation.withLock {
            $0.advance(to: now)
            return $0.families()
        }
    }

    /// What `GET /metrics` answers now, in the Prometheus text format.
    public func metricsText() -> String {
        ExpositionWriter(format: .text).write(metricFamilies())
    }

    // MARK: Server lifecycle

    /// Binds the configured address and starts serving; returns the bound port. Calling
    /// it again while running returns the same port; calling it while another call is
    /// still starting the server, or after ``shutdown()``, throws.
    @discardableResult
    public func start() async throws -> Int {
        let claim = lifecycle.withLock { lifecycle -> Result<Int?, SyntheticInferenceServiceError> in
            switch lifecycle {
            case .idle:
                lifecycle = .starting
                return .success(nil)
            case .starting: return .failure(.alreadyStarting)
            case .running(_, _, let port): return .success(port)
            case .stopped: return .failure(.shutDown)
            }
        }
        if let port = try claim.get() { return port }
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int?.self)
        let application = Application(
            router: makeRouter(),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: "vigil-synthetic-kthena"),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port)
                portContinuation.finish()
            },
            logger: logger)
        // Our own service group lets shutdown() stop the server gracefully rather than by
        // cancellation, which Hummingbird logs as an error.
        let group = ServiceGroup(configuration: .init(services: [application], logger: logger))
        // The service owns this task and ends it in shutdown(): no structured scope spans
        // from start() to shutdown().
        let task = Task {
            defer { portContinuation.finish() }
            try await group.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() ?? nil else {
            task.cancel()
            lifecycle.withLock { if case .starting = $0 { $0 = .idle } }
            if case .failure(let error) = await task.result { throw error }
            throw SyntheticInferenceServiceError.couldNotBind(host: configuration.host, port: configuration.port)
        }
        let shutDownWhileStarting = lifecycle.withLock { lifecycle -> Bool in
            guard case .starting = lifecycle else { return true }
            lifecycle = .running(task: task, group: group, port: port)
            return false
        }
        if shutDownWhileStarting {
            await Self.stop(task: task, group: group, logger: logger)
            throw SyntheticInferenceServiceError.shutDown
        }
        logger.info(
            "synthetic inference service listening",
            metadata: ["vigil.demo.address": "\(configuration.host):\(port)"])
        return port
    }

    /// The bound port while running; nil before ``start()`` and after ``shutdown()``.
    public var port: Int? {
        lifecycle.withLock {
            if case .running(_, _, let port) = $0 { return port }
            return nil
        }
    }

    /// Stops listening and waits for open requests to finish. Safe to call more than once;
    /// the service cannot be started again afterwards.
    public func shutdown() async {
        let running = lifecycle.withLock { lifecycle -> (Task<Void, any Error>, ServiceGroup)? in
            defer { lifecycle = .stopped }
            if case .running(let task, let group, _) = lifecycle { return (task, group) }
            return nil
        }
        guard let (task, group) = running else { return }
        await Self.stop(task: task, group: group, logger: logger)
    }

    private static func stop(task: Task<Void, any Error>, group: ServiceGroup, logger: Logger) async {
        await group.triggerGracefulShutdown()
        if case .failure(let error) = await task.result {
            logger.debug("synthetic inference service stopped with an error", metadata: ["vigil.demo.error": "\(error)"])
        }
    }

    private func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("metrics") { [self] _, _ in
            Self.textResponse(.ok, metricsText(), contentType: ExpositionFormat.text.contentType)
        }
        router.get("control") { [self] _, _ in
            Self.textResponse(.ok, "\(knobs)\n")
        }
        router.post("control") { [self] request, _ in
            let query = request.uri.queryParameters.map { (name: String($0.key), value: String($0.value)) }
            do {
                return Self.textResponse(.ok, "\(try applyControl(query: query))\n")
            } catch {
                return Self.textResponse(.badRequest, "\(error)\n")
            }
        }
        return router
    }

    private static func textResponse(
        _ status: HTTPResponse.Status, _ text: String, contentType: String = "text/plain; charset=utf-8"
    ) -> Response {
        Response(
            status: status, headers: [.contentType: contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}

/// Why the synthetic inference service could not start.
public enum SyntheticInferenceServiceError: Error, Equatable, CustomStringConvertible {
    /// The server ended before reporting a bound port.
    case couldNotBind(host: String, port: Int)
    /// Another `start()` call is still starting the server.
    case alreadyStarting
    /// `shutdown()` was called; a stopped service does not start again.
    case shutDown

    public var description: String {
        switch self {
        case .couldNotBind(let host, let port): "the synthetic inference service could not bind \(host):\(port)"
        case .alreadyStarting: "the synthetic inference service is already starting"
        case .shutDown: "the synthetic inference service was shut down"
        }
    }
}
