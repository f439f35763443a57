#if canImport(AsyncHTTPClient)
import AsyncHTTPClient
import Exposition
import Foundation
import Testing
import VigilTestSupport
@testable import Scrape

/// TLS failures must fail the scrape at once with a TLS reason, not retry the handshake
/// until the scrape timeout (which looked like a hang). The server is `openssl s_server`
/// with a throwaway self-signed certificate for 127.0.0.1.
@Suite("HTTP scrape client TLS failures")
struct HTTPScrapeClientTLSTests {
    static let openssl = "/usr/bin/openssl"

    static func opensslAvailable() -> Bool {
        if OracleProcess.isAvailable(openssl) { return true }
        if SharedData.isCI { Issue.record("\(openssl) is required when CI=true") }
        return false
    }

    /// A self-signed certificate for IP 127.0.0.1 and its key, as PEM text.
    static func selfSigned() async throws -> (certificate: String, key: String) {
        let directory = try OracleProcess.temporaryDirectory("vigil-tls")
        let process = try OracleProcess(openssl, arguments: [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", "key.pem", "-out", "cert.pem", "-days", "1", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1",
        ], directory: directory)
        let status = await process.exitStatus()
        defer { Task { await process.stop() } }  // removes the directory; nothing to wait for
        guard status == 0 else { throw OracleError("openssl req failed: \(process.output)") }
        return (try String(contentsOf: directory.appendingPathComponent("cert.pem"), encoding: .utf8),
                try String(contentsOf: directory.appendingPathComponent("key.pem"), encoding: .utf8))
    }

    /// Runs `openssl s_server` with `certificate` on a free port while `body` runs.
    static func withServer(_ pair: (certificate: String, key: String),
                           _ body: (String) async throws -> Void) async throws {
        let directory = try OracleProcess.temporaryDirectory("vigil-tls-server")
        try pair.certificate.write(to: directory.appendingPathComponent("cert.pem"), atomically: true, encoding: .utf8)
        try pair.key.write(to: directory.appendingPathComponent("key.pem"), atomically: true, encoding: .utf8)
        let port = try OracleProcess.freePort()
        let server = try OracleProcess(openssl, arguments: [
            "s_server", "-accept", "127.0.0.1:\(port)", "-cert", "cert.pem", "-key", "key.pem", "-www", "-quiet",
        ], directory: directory)
        do {
            try await body("https://127.0.0.1:\(port)/metrics")
        } catch {
            await server.stop(grace: .milliseconds(100))
            throw error
        }
        await server.stop(grace: .milliseconds(100))  // s_server may ignore SIGTERM; nothing to flush
    }

    /// Scrapes `url` trusting `caPEM` until the server listens; returns the last result and
    /// how long that scrape took.
    static func scrape(_ url: String, trusting caPEM: String, http: HTTPClient) async throws
        -> (outcome: Result<[ExpositionSample], ScrapeError>, elapsed: Duration) {
        let client = try HTTPScrapeClient(httpClient: http, tls: ScrapeTLSOptions(caPEM: caPEM))
        let clock = ContinuousClock()
        for _ in 0..<100 {
            let start = clock.now
            let result = await ScrapeOnce.scrape(url: url, options: .init(timeout: .seconds(10)), client: client)
            let elapsed = start.duration(to: clock.now)
            if case .failure(let error) = result.outcome, error.message.contains("connection refused") {
                try await Task.sleep(for: .milliseconds(50))  // real process: wait until it listens
                continue
            }
            return (result.outcome, elapsed)
        }
        throw OracleError("openssl s_server never listened on \(url)")
    }

    @Test("a certificate from an untrusted CA fails fast with a TLS error instead of timing out")
    func untrustedCertificateFailsFast() async throws {
        guard Self.opensslAvailable() else { return }
        let server = try await Self.selfSigned()
        let otherCA = try await Self.selfSigned()
        let http = HTTPClient(eventLoopGroupProvider: .singleton,
                              configuration: HTTPScrapeClient.makeHTTPClientConfiguration())
        do {
            try await Self.withServer(server) { url in
                let (outcome, elapsed) = try await Self.scrape(url, trusting: otherCA.certificate, http: http)
                #expect(elapsed < .seconds(5), "a handshake failure must not wait for the 10 s timeout")
                guard case .failure(let error) = outcome else {
                    Issue.record("the scrape succeeded with an untrusted certificate")
                    return
                }
                #expect(error.kind == .connection)
                #expect(error.message.hasPrefix("Get \"\(url)\": tls: "), "\(error.message)")
                #expect(error.message.hasSuffix("tls: failed to verify certificate (CERTIFICATE_VERIFY_FAILED)"),
                        "\(error.message)")

                // The same server, trusted: the handshake passes (its HTML body then fails to parse).
                let (trusted, _) = try await Self.scrape(url, trusting: server.certificate, http: http)
                if case .failure(let error) = trusted { #expect(error.kind == .parse, "\(error.message)") }
            }
        } catch {
            try await http.shutdown()
            throw error
        }
        try await http.shutdown()
    }
}
#endif
