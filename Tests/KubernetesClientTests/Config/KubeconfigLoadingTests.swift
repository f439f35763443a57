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
}
