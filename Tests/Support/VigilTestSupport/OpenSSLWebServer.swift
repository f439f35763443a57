import Foundation

/// An HTTPS server for tests: `openssl s_server -WWW` on 127.0.0.1, serving the files of a
/// temporary directory (so `/metrics` is the file `metrics`, sent as `text/plain`), with a
/// certificate from ``TestPKI``, optionally requiring a client certificate.
///
/// ```swift
/// let server = try OpenSSLWebServer(certificate: pki.server, files: ["metrics": "up 1\n"])
/// defer { server.stop() }
/// try await server.waitUntilListening()
/// ```
public final class OpenSSLWebServer {
    /// The port it listens on.
    public let port: Int
    private let process: Process
    private let directory: URL

    /// `host:port` for scrape targets.
    public var address: String { "127.0.0.1:\(port)" }

    /// Starts the server.
    ///
    /// - Parameter clientAuthority: when set, a client certificate signed by it is required.
    public init(certificate: TestPKI.Pair, files: [String: String], clientAuthority: TestPKI.Pair? = nil) throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("vigil-https-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(certificate.certificatePEM).write(to: directory.appendingPathComponent("server.crt"))
        try Data(certificate.keyPEM).write(to: directory.appendingPathComponent("server.key"))
        for (name, contents) in files { try Data(contents.utf8).write(to: directory.appendingPathComponent(name)) }
        let port = try Self.freePort()
        var arguments = ["s_server", "-accept", "127.0.0.1:\(port)", "-cert", "server.crt", "-key", "server.key",
                         "-WWW", "-quiet"]
        if let clientAuthority {
            try Data(clientAuthority.certificatePEM).write(to: directory.appendingPathComponent("client-ca.crt"))
            arguments += ["-Verify", "1", "-CAfile", "client-ca.crt"]
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        (self.port, self.process, self.directory) = (port, process, directory)
    }

    /// Returns once a TCP connect to the port succeeds (at most about 10 s).
    public func waitUntilListening() async throws {
        for _ in 0..<200 {
            if Self.canConnect(port: port) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestPKI.OpenSSLFailure(arguments: process.arguments ?? [], output: "s_server never listened on \(port)")
    }

    /// Ends the process and removes its directory.
    public func stop() {
        if process.isRunning {
            // s_server ignores SIGTERM while it waits in accept(); it has nothing to flush.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    deinit { stop() }

    private static func canConnect(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port: port)
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, length) }
        } == 0
    }

    /// A port nothing listens on now (bound to port 0 and released).
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestPKI.OpenSSLFailure(arguments: [], output: "socket() failed") }
        defer { close(fd) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        let named = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard bound == 0, named == 0 else { throw TestPKI.OpenSSLFailure(arguments: [], output: "bind() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}
