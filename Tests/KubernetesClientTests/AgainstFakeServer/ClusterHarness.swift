import FakeKubernetesAPIServer
import Foundation
import KubernetesClient
import Logging
import VigilTestSupport

/// A started fake API server and a `KubernetesClient` pointed at it. Retries sleep through
/// an injected function that records the delays instead of waiting.
struct ClusterHarness {
    let server: FakeAPIServer
    let client: KubernetesClient
    let sleeps: Locked<[Duration]>

    static let logger: Logger = {
        var logger = Logger(label: "vigil-test")
        logger.logLevel = .critical
        return logger
    }()

    static func run<T>(
        historyLimit: Int = 1000, retryPolicy: RetryPolicy = RetryPolicy(),
        _ body: (ClusterHarness) async throws -> T
    ) async throws -> T {
        let server = FakeAPIServer(historyLimit: historyLimit, logger: logger)
        let baseURL = try await server.start()
        let sleeps = Locked<[Duration]>([])
        let client = try KubernetesClient(
            configuration: ClientConfiguration(server: URL(string: baseURL)!, namespace: "default"),
            logger: logger, retryPolicy: retryPolicy, requestTimeout: .seconds(10),
            sleep: { delay in sleeps.withLock { $0.append(delay) } })
        do {
            let result = try await body(ClusterHarness(server: server, client: client, sleeps: sleeps))
            try await client.shutdown()
            await server.stop()
            return result
        } catch {
            try? await client.shutdown()
            await server.stop()
            throw error
        }
    }
}

extension FakeResource {
    static let configMaps = [FakeResource].builtIn.first { $0.plural == "configmaps" }!
    static let serviceLevels = [FakeResource].builtIn.first { $0.plural == "servicelevels" }!
    static let leases = [FakeResource].builtIn.first { $0.plural == "leases" }!
}

extension ResourceKind {
    static let serviceLevels = ResourceKind(group: "vigil.dev", version: "v1alpha1", plural: "servicelevels", kind: "ServiceLevel")
}
