import ServiceLifecycle

/// A long-running body as a `Service`: it runs until the group shuts down gracefully,
/// then its task is cancelled and the service ends when the body returns.
public struct TaskService: Service {
    let body: @Sendable () async -> Void

    public init(_ body: @escaping @Sendable () async -> Void) { self.body = body }

    public func run() async throws {
        await cancelWhenGracefulShutdown { await body() }
    }
}
