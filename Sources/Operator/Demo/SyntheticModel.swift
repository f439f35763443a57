/// One model served by the synthetic inference service, with the traffic and resource
/// profile its metrics are generated from.
public struct SyntheticModel: Sendable, Hashable {
    /// The `model_id` label value.
    public var id: String
    /// Requests arriving per second, spread evenly.
    public var requestsPerSecond: Double
    /// Median request duration in seconds before any extra latency; durations spread
    /// log-normally around it.
    public var medianLatency: Double
    /// Resident model memory, for `kthena_model_memory_usage_bytes`.
    public var memoryBytes: Double
    /// How long the model took to load, for `kthena_model_load_duration_seconds`.
    public var loadSeconds: Double

    /// Creates a model profile.
    public init(id: String, requestsPerSecond: Double, medianLatency: Double, memoryBytes: Double, loadSeconds: Double) {
        self.id = id
        self.requestsPerSecond = requestsPerSecond
        self.medianLatency = medianLatency
        self.memoryBytes = memoryBytes
        self.loadSeconds = loadSeconds
    }

    /// Three 7–8B models with about 10 requests per second between them; healthy latency
    /// keeps well under one second so the demo's latency objective is met until
    /// extra latency is injected.
    public static let kthenaDefaults: [SyntheticModel] = [
        SyntheticModel(
            id: "llama-3-8b-instruct", requestsPerSecond: 5, medianLatency: 0.18,
            memoryBytes: 16.2 * gibibyte, loadSeconds: 41.5),
        SyntheticModel(
            id: "qwen2.5-7b-instruct", requestsPerSecond: 3, medianLatency: 0.22,
            memoryBytes: 15.1 * gibibyte, loadSeconds: 37.2),
        SyntheticModel(
            id: "mistral-7b-instruct", requestsPerSecond: 2, medianLatency: 0.27,
            memoryBytes: 14.4 * gibibyte, loadSeconds: 35.8),
    ]

    private static let gibibyte = 1024.0 * 1024 * 1024
}
