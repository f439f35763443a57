import Testing

@testable import KubernetesClient

@Suite("Kubeconfig loading")
struct KubeconfigLoadingTests {
    @Test("loads kubeconfig files as kubectl does", arguments: KubeconfigCases.all)
    func loads(_ row: KubeconfigCase) throws {
        try row.run()
    }

    @Test("parses an empty document as an empty configuration")
    func emptyDocument() throws {
        #expect(try Kubeconfig.parse("\n  \n", file: nil) == Kubeconfig())
    }

    @Test("records which credential plugin a user has")
    func pluginDetection() throws {
        let config = try Kubeconfig.parse(
            """
            users:
            - {name: a, user: {exec: {command: x}}}
            - {name: b, user: {auth-provider: {name: oidc}}}
            - {name: c, user: {exec: null, token: t}}
            """, file: nil)
        #expect(config.users.map(\.user.credentialPlugin) == ["exec", "auth-provider", nil])
    }

    @Test(
        "malformed documents are errors, never crashes",
        arguments: [
            ("- a\n- b\n", "f: expected a mapping"),
            ("just text", "f: expected a mapping"),
            ("clusters: [1, 2]", "f: clusters[0]: expected a mapping"),
            ("current-context: [a]", "f: current-context: expected a single value, not a list or mapping"),
            ("users: [{name: u, user: {token: {a: b}}}]",
             "f: users[0].user.token: expected a single value, not a list or mapping"),
            ("{{{", "f: YAML syntax error at line 2, column 1: did not find expected node content"),
            ("clusters: []\nclusters: []\n", "f: duplicate keys clusters in mapping at line 1, column 1"),
        ])
    func malformed(document: String, expected: String) {
        let error = #expect(throws: ConfigurationError.self) { try Kubeconfig.parse(document, file: "f") }
        #expect(error?.description == expected)
    }

    @Test("a file that is not UTF-8 is an error naming it")
    func notUTF8() throws {
        let directory = try ConfigTestDirectory()
        defer { directory.remove() }
        let path = try directory.write("config", [0xFF, 0xFE, 0x00, 0x41] as [UInt8])
        let error = #expect(throws: ConfigurationError.self) {
            try Kubeconfig.load(explicitPath: path, environment: [:], context: nil)
        }
        #expect(error?.description == "\(path): kubeconfig file is not UTF-8 text")
    }
}
