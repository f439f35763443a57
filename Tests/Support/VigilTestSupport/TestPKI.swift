import Foundation
import Synchronization

/// Certificates made for the tests with the `openssl` command line tool: a CA, a server
/// certificate for 127.0.0.1 and localhost, one for the DNS name `kube.test` only, a client
/// certificate, and a second CA (with its own client certificate) that nobody trusts.
/// Generated once per test process into a temporary directory.
public struct TestPKI: Sendable {
    /// A certificate and its private key, PEM bytes.
    public struct Pair: Sendable {
        public var certificatePEM: [UInt8]
        public var keyPEM: [UInt8]

        /// The certificate as text.
        public var certificate: String { String(decoding: certificatePEM, as: UTF8.self) }
        /// The key as text.
        public var key: String { String(decoding: keyPEM, as: UTF8.self) }
    }

    public var directory: URL
    public var authority: Pair
    public var server: Pair
    public var serverForDNSNameOnly: Pair
    public var client: Pair
    public var otherAuthority: Pair
    public var clientOfOtherAuthority: Pair

    private static let cached = Mutex<TestPKI?>(nil)

    /// The process-wide set, generated on first use.
    public static func shared() throws -> TestPKI {
        try cached.withLock { cached in
            if let cached { return cached }
            let pki = try generate()
            cached = pki
            return pki
        }
    }

    /// `openssl` is missing or one of its runs failed.
    public struct OpenSSLFailure: Error, CustomStringConvertible {
        public var arguments: [String]
        public var output: String
        public var description: String { "openssl \(arguments.joined(separator: " ")) failed: \(output)" }
    }

    private static func generate() throws -> TestPKI {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") else {
            throw OpenSSLFailure(arguments: [], output: "these tests need /usr/bin/openssl (Debian package openssl)")
        }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("vigil-test-pki-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let openssl = OpenSSL(directory: directory)
        try openssl.write("openssl.cnf", """
            [req]
            distinguished_name = dn
            prompt = no
            [dn]
            CN = vigil-test
            [ca]
            basicConstraints = critical, CA:TRUE
            keyUsage = critical, keyCertSign, cRLSign
            subjectKeyIdentifier = hash
            [server]
            basicConstraints = CA:FALSE
            keyUsage = critical, digitalSignature
            extendedKeyUsage = serverAuth
            subjectAltName = IP:127.0.0.1, DNS:localhost
            [server_dns]
            basicConstraints = CA:FALSE
            keyUsage = critical, digitalSignature
            extendedKeyUsage = serverAuth
            subjectAltName = DNS:kube.test
            [client]
            basicConstraints = CA:FALSE
            keyUsage = critical, digitalSignature
            extendedKeyUsage = clientAuth

            """)
        let authority = try openssl.authority("ca", subject: "/CN=vigil-test-ca")
        let other = try openssl.authority("other-ca", subject: "/CN=vigil-untrusted-ca")
        return TestPKI(
            directory: directory,
            authority: authority,
            server: try openssl.leaf("server", subject: "/CN=localhost", extensions: "server", signer: "ca"),
            serverForDNSNameOnly: try openssl.leaf(
                "server-dns", subject: "/CN=kube.test", extensions: "server_dns", signer: "ca"),
            client: try openssl.leaf(
                "client", subject: "/O=system:masters/CN=vigil-client", extensions: "client", signer: "ca"),
            otherAuthority: other,
            clientOfOtherAuthority: try openssl.leaf(
                "other-client", subject: "/CN=intruder", extensions: "client", signer: "other-ca"))
    }
}

/// Runs `/usr/bin/openssl` in one directory.
private struct OpenSSL {
    var directory: URL

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
    }

    func read(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    func authority(_ name: String, subject: String) throws -> TestPKI.Pair {
        try run([
            "req", "-x509", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", "\(name).key", "-out", "\(name).crt", "-days", "3", "-subj", subject,
            "-config", "openssl.cnf", "-extensions", "ca",
        ])
        return TestPKI.Pair(certificatePEM: try read("\(name).crt"), keyPEM: try read("\(name).key"))
    }

    func leaf(_ name: String, subject: String, extensions: String, signer: String) throws -> TestPKI.Pair {
        try run([
            "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", "\(name).key", "-out", "\(name).csr", "-subj", subject, "-config", "openssl.cnf",
        ])
        try run([
            "x509", "-req", "-in", "\(name).csr", "-CA", "\(signer).crt", "-CAkey", "\(signer).key",
            "-set_serial", "\(Int.random(in: 1000...999_999))", "-days", "3", "-out", "\(name).crt",
            "-extfile", "openssl.cnf", "-extensions", extensions,
        ])
        return TestPKI.Pair(certificatePEM: try read("\(name).crt"), keyPEM: try read("\(name).key"))
    }

    private func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        // openssl prints little; reading to the end before waiting cannot fill the pipe.
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestPKI.OpenSSLFailure(arguments: arguments, output: String(decoding: printed, as: UTF8.self))
        }
    }
}
