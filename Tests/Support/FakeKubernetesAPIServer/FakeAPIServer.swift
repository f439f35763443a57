import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// An in-process Kubernetes API server for tests: plain HTTP on 127.0.0.1, JSON objects
/// kept in memory, and kube-apiserver's rules where clients depend on them
/// (resourceVersion, 404/409/410/415 `Status` bodies, paging, watch resumption and 410,
/// bookmarks, status subresource, generation, finalizers, garbage collection,
/// server-side apply). Faults can be injected per request.
///
/// ```swift
/// let server = FakeAPIServer(logger: Logger(label: "fake"))
/// try await server.start()
/// defer { Task { await server.stop() } }
/// // point a client at server.baseURL
/// ```
///
/// Where the fake simplifies, the symbol that does it says so.
public final class FakeAPIServer: Sendable {
    let state: Mutex<ServerState>
    let logger: Logger
    /// Whether PUT without `metadata.resourceVersion` is refused with 409 Conflict.
    let requiresResourceVersionOnUpdate: Bool
    private let lifecycle = Mutex<Lifecycle>(.idle)

    private enum Lifecycle {
        case idle
        case running(task: Task<Void, any Error>, baseURL: String)
        case stopped
    }

    /// Creates a server holding namespaces `default` and `kube-system`.
    ///
    /// - Parameters:
    ///   - resources: kinds to serve.
    ///   - historyLimit: how many events watches can resume over; older
    ///     resourceVersions get 410 Gone.
    ///   - requiresResourceVersionOnUpdate: kube-apiserver allows PUT without a
    ///     resourceVersion for most kinds (an unconditional overwrite); the fake is strict
    ///     by default and answers 409, so a client that forgets it is caught.
    ///   - watchBufferLimit: frames a watch may lag behind before it is closed.
    ///   - now: the wall clock for `creationTimestamp` and `deletionTimestamp`.
    public init(
        resources: [FakeResource] = .builtIn, historyLimit: Int = 1000, requiresResourceVersionOnUpdate: Bool = true,
        watchBufferLimit: Int = 1000, now: @escaping @Sendable () -> Date = { Date() }, logger: Logger
    ) {
        let environment = ClusterState.Environment(
            now: now, newUID: { UUID().uuidString.lowercased() },
            randomSuffix: {
                let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
                return String((0..<5).map { _ in alphabet.randomElement() ?? "x" })
            })
        var cluster = ClusterState(resources: resources, historyLimit: historyLimit, environment: environment)
        if let namespaces = cluster.namespaceResource {
            for name in ["default", "kube-system"] {
                let namespace: JSONValue = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]]
                // Cannot fail on an empty store: the names are valid and nothing exists yet.
                _ = try? cluster.create(namespaces, namespace: nil, body: namespace, fieldManager: "fake-apiserver")
            }
        }
        cluster.pendingEvents.removeAll()
        self.state = Mutex(ServerState(
            cluster: cluster, watchBookmarkInterval: .seconds(60), watchBufferLimit: max(1, watchBufferLimit)))
        self.logger = logger
        self.requiresResourceVersionOnUpdate = requiresResourceVersionOnUpdate
    }

    // MARK: Lifecycle

    /// Binds 127.0.0.1 on a free port and starts serving; returns the base URL.
    @discardableResult
    public func start() async throws -> String {
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int?.self)
        let application = Application(
            responder: FakeAPIResponder(server: self),
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "fake-kube-apiserver"),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port)
                portContinuation.finish()
            },
            logger: logger)
        // The server owns this task and cancels it in stop(); structured concurrency has
        // no scope that outlives start() and ends in stop().
        let task = Task {
            defer { portContinuation.finish() }
            try await application.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() ?? nil else {
            task.cancel()
            throw FakeAPIServerError.couldNotBind
        }
        let baseURL = "http://127.0.0.1:\(port)"
        lifecycle.withLock { $0 = .running(task: task, baseURL: baseURL) }
        logger.info("fake API server listening", metadata: ["vigil.fake.url": "\(baseURL)"])
        return baseURL
    }

    /// The URL clients connect to, e.g. `http://127.0.0.1:54321`; nil before `start()`.
    public var baseURL: String? {
        lifecycle.withLock {
            if case .running(_, let url) = $0 { return url }
            return nil
        }
    }

    /// Closes every watch and stops listening.
    public func stop() async {
        let task = lifecycle.withLock { lifecycle -> Task<Void, any Error>? in
            defer { lifecycle = .stopped }
            if case .running(let task, _) = lifecycle { return task }
            return nil
        }
        state.withLock { $0.closeAllWatches() }
        guard let task else { return }
        task.cancel()
        _ = await task.result
    }
}

/// Why the fake server could not start.
public enum FakeAPIServerError: Error, CustomStringConvertible {
    case couldNotBind

    public var description: String { "the fake API server could not bind 127.0.0.1" }
}
