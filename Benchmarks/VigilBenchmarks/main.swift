// Vigil's benchmarks for the Kubernetes client. Run in release mode:
//   swift run -c release VigilBenchmarks decode-endpointslices
//   swift run -c release VigilBenchmarks informer-memory
// Each prints one result line; the README's performance table records them.
import FakeKubernetesAPIServer
import Foundation
import KubernetesClient
import Logging

func residentBytes() -> Int {
    // /proc/self/statm: size resident shared ... (pages)
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
}

func peakResidentBytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss * 1024
}

func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_048_576) }

/// A realistic EndpointSlice: 8 endpoints with conditions and target refs, 2 ports.
/// `forCreate` leaves out what the server assigns (uid, resourceVersion, timestamps):
/// an API server refuses creates that set a resourceVersion.
func endpointSliceJSON(_ index: Int, forCreate: Bool = false) -> String {
    let endpoints = (0..<8).map { e in
        #"{"addresses":["10.\#(index / 250 % 250).\#(index % 250).\#(e)"],"conditions":{"ready":true,"serving":true,"terminating":false},"nodeName":"node-\#(e)","zone":"zone-a","targetRef":{"kind":"Pod","namespace":"ns-\#(index % 50)","name":"svc-\#(index)-\#(e)","uid":"6c1c7d3e-\#(index)-\#(e)"}}"#
    }.joined(separator: ",")
    return #"{"metadata":{"name":"svc-\#(index)-abcde","namespace":"ns-\#(index % 50)",\#(forCreate ? "" : #""uid":"uid-\#(index)","resourceVersion":"\#(1000 + index)","generation":1,"creationTimestamp":"2026-01-01T00:00:00Z","#)"labels":{"kubernetes.io/service-name":"svc-\#(index)","endpointslice.kubernetes.io/managed-by":"endpointslice-controller.k8s.io"},"ownerReferences":[{"apiVersion":"v1","kind":"Service","name":"svc-\#(index)","uid":"s-\#(index)","controller":true,"blockOwnerDeletion":true}],"managedFields":[{"manager":"kube-controller-manager","operation":"Update","apiVersion":"discovery.k8s.io/v1","time":"2026-01-01T00:00:00Z"}]},"addressType":"IPv4","endpoints":[\#(endpoints)],"ports":[{"name":"http","port":8080,"protocol":"TCP"},{"name":"metrics","port":9090,"protocol":"TCP"}]}"#
}

func decodeEndpointSlices() throws {
    let count = 10_000
    let body = #"{"kind":"EndpointSliceList","apiVersion":"discovery.k8s.io/v1","metadata":{"resourceVersion":"99999"},"items":["#
        + (0..<count).map { endpointSliceJSON($0) }.joined(separator: ",") + "]}"
    let bytes = Array(body.utf8)
    let before = residentBytes()
    var timings: [Double] = []
    for _ in 0..<5 {
        let start = ContinuousClock.now
        let value = try JSONParser.parse(bytes)
        guard case .array(let items)? = value["items"] else { fatalError("bad fixture") }
        var decoded: [EndpointSlice] = []
        decoded.reserveCapacity(items.count)
        for item in items {
            var (slice, retained) = try JSONCoding.decodeRetaining(EndpointSlice.self, from: item)
            slice.retainedFields = retained
            decoded.append(slice)
        }
        precondition(decoded.count == count)
        let elapsed = start.duration(to: .now)
        timings.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
    timings.sort()
    let median = timings[timings.count / 2]
    var parseTimings: [Double] = []
    for _ in 0..<3 {
        let start = ContinuousClock.now
        _ = try JSONParser.parse(bytes)
        let elapsed = start.duration(to: .now)
        parseTimings.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
    parseTimings.sort()
    print(String(format: "decode-endpointslices: of which JSON parsing alone: median %.3f s", parseTimings[1]))
    print(String(format: "decode-endpointslices: %d objects, %.1f MB JSON, median %.3f s (%.0f objects/s, %.1f MB/s), peak RSS %@ (+%@ over the fixture)",
                 count, Double(bytes.count) / 1_048_576, median, Double(count) / median, Double(bytes.count) / 1_048_576 / median,
                 megabytes(peakResidentBytes()), megabytes(peakResidentBytes() - before)))
}

func informerMemory() async throws {
    var logger = Logger(label: "bench")
    logger.logLevel = .error
    let count = 50_000
    let server = FakeAPIServer(historyLimit: 100, logger: logger)
    let baseURL = try await server.start()
    guard let resource = [FakeResource].builtIn.first(where: { $0.plural == "endpointslices" }) else { return }
    for namespace in Set((0..<count).map { "ns-\($0 % 50)" }) { try server.createNamespace(namespace) }
    for index in 0..<count {
        let value = try JSONDecoder().decode(FakeKubernetesAPIServer.JSONValue.self, from: Data(endpointSliceJSON(index, forCreate: true).utf8))
        var object = value
        object["apiVersion"] = "discovery.k8s.io/v1"
        object["kind"] = "EndpointSlice"
        try server.seed(resource, object)
    }
    let client = try KubernetesClient(configuration: ClientConfiguration(server: URL(string: baseURL)!), logger: logger)
    let before = residentBytes()
    let informer = Informer(api: client.api(EndpointSlice.self), options: .init(pageSize: 500), logger: logger)
    let start = ContinuousClock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { await informer.run() }
        await informer.waitUntilSynced()
        let synced = start.duration(to: .now)
        // Let transient list buffers be freed before reading RSS.
        try await Task.sleep(for: .milliseconds(500))
        let after = residentBytes()
        print("informer-memory: \(informer.store.count) EndpointSlices synced in \(synced), RSS +\(megabytes(after - before)) (\((after - before) / max(1, informer.store.count)) bytes/object incl. transient)")
        group.cancelAll()
    }
    try await client.shutdown()
    await server.stop()
}

let arguments = CommandLine.arguments.dropFirst()
let which = arguments.first ?? "all"
if which == "decode-endpointslices" || which == "all" { try decodeEndpointSlices() }
if which == "informer-memory" || which == "all" { try await informerMemory() }
