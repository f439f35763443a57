import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
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
/// Deliberate differences from kube-apiserver (each also noted where it is implemented):
/// - PUT without `metadata.resourceVersion` is 409 unless `requiresResourceVersionOnUpdate`
///   is false (the real server allows an unconditional update for most kinds).
/// - LIST ignores `resourceVersion`/`resourceVersionMatch` and serves current state;
///   pages after the first are read from current state, not a snapshot. The 410 for an
///   expired continue token carries no fresh token.
/// - `fieldSelector` supports `metadata.name` and `metadata.namespace` only.
/// - Strategic merge patch is a plain merge patch for built-in kinds (no list merge
///   keys); custom resources answer 415 as real servers do.
/// - Server-side apply: arrays are atomic, ownership is kept in a side table and not
///   shown as `metadata.managedFields`; conflicts need a different value, as for real.
/// - Garbage collection happens in the same step as the owner's removal (Foreground and
///   Background alike, no `foregroundDeletion`/`orphan` finalizers); for an owner held by
///   finalizers, Foreground and Orphan act at the DELETE request, Background when the
///   last finalizer goes. Deleting a namespace deletes its objects at once, finalizers
///   or not.
/// - A watch whose client hung up is closed when writing its next frame (event or
///   bookmark) fails: the server reads nothing while it streams, so it cannot see EOF.
/// - Only JSON and YAML bodies; no protobuf, no `dryRun` (400), no admission, no
///   schema validation beyond names, namespaces, apiVersion and kind.
public final class FakeAPIServer: Sendable {
    let state: Mutex<ServerState>
    let logger: Logger
    /// Whether PUT without `metadata.resourceVersion` is refused with 409 Conflict.
    let requiresResourceVersionOnUpdate: Bool
    private let lifecycle = Mutex<Lifecycle>(.idle)

    private enum Lifecycle {
        case idle
        case running(task: Task<Void, any Error>, group: ServiceGroup, baseURL: String)
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

    /// Binds 127.0.0.1 on a free port and starts serving; returns the base URL. Calling
    /// it again while running returns the same URL.
    @discardableResult
    public func start() async throws -> String {
        if let baseURL { return baseURL }
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int?.self)
        let application = Application(
            responder: FakeAPIResponder(server: self),
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "fake-kube-apiserver"),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port)
                portContinuation.finish()
            },
            logger: logger)
        // A service group of our own lets stop() shut the server down gracefully rather
        // than by cancellation, which Hummingbird logs as an error.
        let group = ServiceGroup(configuration: .init(services: [application], logger: logger))
        // The server owns this task and ends it in stop(); structured concurrency has no
        // scope that outlives start() and ends in stop().
        let task = Task {
            defer { portContinuation.finish() }
            try await group.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() ?? nil else {
            task.cancel()
            throw FakeAPIServerError.couldNotBind
        }
        let baseURL = "http://127.0.0.1:\(port)"
        lifecycle.withLock { $0 = .running(task: task, group: group, baseURL: baseURL) }
        logger.info("fake API server listening", metadata: ["vigil.fake.url": "\(baseURL)"])
        return baseURL
    }

    /// The URL clients connect to, e.g. `http://127.0.0.1:54321`; nil before `start()`.
    public var baseURL: String? {
        lifecycle.withLock {
            if case .running(_, _, let url) = $0 { return url }
            return nil
        }
    }

    /// Closes every watch and stops listening.
    public func stop() async {
        let running = lifecycle.withLock { lifecycle -> (Task<Void, any Error>, ServiceGroup)? in
            defer { lifecycle = .stopped }
            if case .running(let task, let group, _) = lifecycle { return (task, group) }
            return nil
        }
        // Watches first: graceful shutdown waits for open responses to finish.
        state.withLock { $0.closeAllWatches() }
        guard let (task, group) = running else { return }
        await group.triggerGracefulShutdown()
        if case .failure(let error) = await task.result {
            logger.debug("fake API server stopped with an error", metadata: ["vigil.fake.error": "\(error)"])
        }
    }
}

/// Why the fake server could not start.
public enum FakeAPIServerError: Error, CustomStringConvertible {
    case couldNotBind

    public var description: String { "the fake API server could not bind 127.0.0.1" }
}
