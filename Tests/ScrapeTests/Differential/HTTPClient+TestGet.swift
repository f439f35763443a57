#if canImport(AsyncHTTPClient)
import AsyncHTTPClient

extension HTTPClient {
    /// A GET for ``PrometheusProcess``'s `fetch`: status code and body (at most 64 MiB).
    func testGet(_ url: String) async throws -> (status: UInt, body: [UInt8]) {
        let response = try await execute(HTTPClientRequest(url: url), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 64 << 20)
        return (response.status.code, Array(body.readableBytesView))
    }
}
#endif
