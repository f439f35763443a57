import Foundation
import Testing
@testable import Operator

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The service over real loopback HTTP, as `vigil demo` and a user's curl reach it.
@Suite("Synthetic inference server")
struct SyntheticInferenceServerTests {
    @Test("it serves parseable metrics on a free loopback port and knobs change over POST /control")
    func servesMetricsAndControl() async throws {
        let service = SyntheticInferenceService()
        let port = try await service.start()
        #expect(port > 0)
        #expect(service.port == port)
        #expect(try await service.start() == port)
        do {
            let (metricsBody, metricsStatus, contentType) = try await Self.request("GET", port: port, path: "/metrics")
            #expect(metricsStatus == 200)
            #expect(contentType?.hasPrefix("text/plain; version=0.0.4") == true)
            let snapshot = try InferenceMetricsSnapshot(text: metricsBody)
            #expect(snapshot.modelIDs.count == 3)

            let (controlBody, controlStatus, _) = try await Self.request(
                "POST", port: port, path: "/control?errorRatio=0.05&latency=0.4")
            #expect(controlStatus == 200)
            #expect(controlBody == "errorRatio=0.05 latency=0.4\n")
            #expect(service.knobs == SyntheticInferenceKnobs(errorRatio: 0.05, extraLatency: 0.4))

            let (badBody, badStatus, _) = try await Self.request("POST", port: port, path: "/control?errorRatio=lots")
            #expect(badStatus == 400)
            #expect(badBody.contains("errorRatio"))
            #expect(service.knobs.errorRatio == 0.05)

            let (currentBody, currentStatus, _) = try await Self.request("GET", port: port, path: "/control")
            #expect(currentStatus == 200)
            #expect(currentBody == "errorRatio=0.05 latency=0.4\n")
        } catch {
            await service.shutdown()
            throw error
        }
        await service.shutdown()
        #expect(service.port == nil)
        await service.shutdown()
    }

    @Test("a port already in use makes start() throw and leaves the service startable")
    func portInUse() async throws {
        let first = SyntheticInferenceService()
        let port = try await first.start()
        let second = SyntheticInferenceService(configuration: .init(port: port))
        await #expect(throws: (any Error).self) { try await second.start() }
        #expect(second.port == nil)
        await first.shutdown()
        // The port is free again, so the same service now starts.
        #expect(try await second.start() == port)
        await second.shutdown()
    }

    @Test("a shut-down service refuses to start again, and shutting down twice is harmless")
    func noRestartAfterShutdown() async throws {
        let service = SyntheticInferenceService()
        await service.shutdown()
        await #expect(throws: SyntheticInferenceServiceError.shutDown) { try await service.start() }
        await service.shutdown()
        #expect(service.port == nil)
    }

    private static func request(
        _ method: String, port: Int, path: String
    ) async throws -> (body: String, status: Int, contentType: String?) {
        let url = try #require(URL(string: "http://127.0.0.1:\(port)\(path)"))
        var request = URLRequest(url: url)
        request.httpMethod = method
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        return (String(decoding: data, as: UTF8.self), http.statusCode, http.value(forHTTPHeaderField: "Content-Type"))
    }
}
