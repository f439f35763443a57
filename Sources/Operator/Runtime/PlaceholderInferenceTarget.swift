import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// A stand-in for the synthetic inference service until `Sources/Operator/Demo` lands:
/// `/metrics` with `kthena_inference_*` counters and a duration histogram that grow with
/// time (about 20 requests a second, 0.1% errors, most requests well under a second).
/// To be deleted once the real synthetic service is wired into `vigil demo`.
public enum PlaceholderInferenceTarget {
    /// The application; `onRunning` receives the bound port.
    public static func application(host: String = "127.0.0.1", port: Int = 0,
                                   onRunning: @escaping @Sendable (Int) async -> Void, logger: Logger)
        -> some ServiceLifecycle.Service
    {
        let started = Date()
        let router = Router()
        router.get("/metrics") { _, _ -> Response in
            let body = exposition(elapsed: Date().timeIntervalSince(started))
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
        }
        return Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname(host, port: port)),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) }, logger: logger)
    }

    /// The exposition after `elapsed` seconds.
    static func exposition(elapsed: Double) -> String {
        let requests = (elapsed * 20).rounded(.down)
        let errors = (requests / 1000).rounded(.down)
        // Cumulative share of requests at or below each bucket bound.
        let buckets: [(String, Double)] = [("0.1", 0.30), ("0.25", 0.62), ("0.5", 0.88), ("1", 0.975), ("2.5", 0.996),
                                           ("5", 0.9995), ("+Inf", 1)]
        var text = "# HELP kthena_inference_requests_total Inference requests served.\n"
        text += "# TYPE kthena_inference_requests_total counter\n"
        text += "kthena_inference_requests_total{model_id=\"llama-3-8b\"} \(Int(requests))\n"
        text += "# HELP kthena_inference_errors_total Inference requests that failed.\n"
        text += "# TYPE kthena_inference_errors_total counter\n"
        text += "kthena_inference_errors_total{model_id=\"llama-3-8b\"} \(Int(errors))\n"
        text += "# HELP kthena_inference_duration_seconds Inference request duration.\n"
        text += "# TYPE kthena_inference_duration_seconds histogram\n"
        for (bound, share) in buckets {
            text += "kthena_inference_duration_seconds_bucket{model_id=\"llama-3-8b\",le=\"\(bound)\"} \(Int((requests * share).rounded(.down)))\n"
        }
        text += "kthena_inference_duration_seconds_sum{model_id=\"llama-3-8b\"} \(requests * 0.31)\n"
        text += "kthena_inference_duration_seconds_count{model_id=\"llama-3-8b\"} \(Int(requests))\n"
        text += "# HELP kthena_model_load_failures_total Model loads that failed.\n"
        text += "# TYPE kthena_model_load_failures_total counter\n"
        text += "kthena_model_load_failures_total{model_id=\"llama-3-8b\"} 0\n"
        return text
    }
}
