import Hummingbird
import Logging
import NIOCore
import Prometheus
import ServiceLifecycle

/// The operator's HTTP endpoints: `/metrics` (Prometheus text from the registry the
/// process bootstrapped swift-metrics with), `/healthz` (the process runs) and `/readyz`
/// (caches synced). Every replica serves them, leader or not.
public enum OperatorHTTPServer {
    /// Where to listen, parsed from `HOST:PORT`.
    public struct Address: Sendable, Equatable {
        public var host: String
        public var port: Int

        public init(host: String, port: Int) {
            self.host = host
            self.port = port
        }

        /// `127.0.0.1:9095`, `:8080` (all interfaces) or `[::1]:9095`.
        public init?(_ text: String) {
            guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
                  (0...65535).contains(port) else { return nil }
            var host = String(text[..<colon])
            if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            self.init(host: host.isEmpty ? "0.0.0.0" : host, port: port)
        }
    }

    /// A Hummingbird application (a `Service`) serving the endpoints; `extraRoutes` adds
    /// more (the PromQL API, once wired).
    public static func application(
        address: Address, registry: PrometheusCollectorRegistry, isReady: @escaping @Sendable () -> Bool,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in },
        extraRoutes: (Router<BasicRequestContext>) -> Void = { _ in }, logger: Logger
    ) -> some ServiceLifecycle.Service {
        let router = Router()
        router.get("/metrics") { _, _ -> Response in
            let body = registry.emitToBuffer()
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
        }
        router.get("/healthz") { _, _ in "ok\n" }
        router.get("/readyz") { _, _ -> Response in
            let ready = isReady()
            return Response(
                status: ready ? .ok : .serviceUnavailable,
                body: ResponseBody(byteBuffer: ByteBuffer(string: ready ? "ok\n" : "caches not synced\n")))
        }
        extraRoutes(router)
        return Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(address.host, port: address.port)),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? address.port) },
            logger: logger)
    }
}
