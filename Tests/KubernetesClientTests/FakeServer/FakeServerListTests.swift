import Foundation
import FakeKubernetesAPIServer
import Testing

@Suite("Fake API server: list, selectors, paging")
struct FakeServerListTests {
    @Test("2,500 objects page out in five pages of 500 with continue tokens")
    func pagination() async throws {
        try await FakeServerHarness.run { harness in
            for index in 0..<2500 {
                try harness.server.seed(Fixture.configMaps, Fixture.configMap(String(format: "cm-%04d", index)))
            }
            let listVersion = String(harness.server.currentResourceVersion)
            var names: [String] = []
            var token: String?
            var pages = 0
            repeat {
                let query = "?limit=500" + (token.map { "&continue=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0) } ?? "")
                let reply = try await harness.get(Fixture.configMapsPath + query)
                #expect(reply.status == 200)
                #expect(reply.body["kind"] == "ConfigMapList")
                #expect(reply.body.value(at: ["metadata", "resourceVersion"])?.stringValue == listVersion)
                let items = try #require(reply.body["items"]?.arrayValue)
                #expect(items.count == 500)
                names += items.compactMap { $0.value(at: ["metadata", "name"])?.stringValue }
                token = reply.body.value(at: ["metadata", "continue"])?.stringValue
                pages += 1
                if token != nil {
                    #expect(reply.body.value(at: ["metadata", "remainingItemCount"])?.intValue == Int64(2500 - pages * 500))
                }
            } while token != nil
            #expect(pages == 5)
            #expect(names == (0..<2500).map { String(format: "cm-%04d", $0) })
        }
    }

    @Test("built-in list items carry no kind or apiVersion; custom resource items do")
    func listItemTypeMeta() async throws {
        try await FakeServerHarness.run { harness in
            try harness.server.seed(Fixture.configMaps, Fixture.configMap("a"))
            try harness.server.seed(Fixture.serviceMonitors, Fixture.serviceMonitor("m"))
            let builtIn = try #require(try await harness.get(Fixture.configMapsPath).body["items"]?.arrayValue?.first)
            #expect(builtIn["kind"] == nil && builtIn["apiVersion"] == nil)
            let custom = try #require(try await harness.get(Fixture.serviceMonitorsPath).body["items"]?.arrayValue?.first)
            #expect(custom["kind"] == "ServiceMonitor" && custom["apiVersion"] == "monitoring.coreos.com/v1")
        }
    }

    @Test("remainingItemCount is left out when selectors filter the list")
    func remainingItemCountWithSelectors() async throws {
        try await FakeServerHarness.run { harness in
            for index in 0..<3 { try harness.server.seed(Fixture.configMaps, Fixture.configMap("c\(index)", labels: ["app": "x"])) }
            let reply = try await harness.get(Fixture.configMapsPath + "?limit=1&labelSelector=app%3Dx")
            #expect(reply.body.value(at: ["metadata", "continue"]) != nil)
            #expect(reply.body.value(at: ["metadata", "remainingItemCount"]) == nil)
        }
    }

    @Test("a continue token older than retained history is 410 Expired")
    func expiredContinue() async throws {
        try await FakeServerHarness.run { harness in
            for index in 0..<3 { try harness.server.seed(Fixture.configMaps, Fixture.configMap("c\(index)")) }
            let first = try await harness.get(Fixture.configMapsPath + "?limit=1")
            let token = try #require(first.body.value(at: ["metadata", "continue"])?.stringValue)
            try harness.server.seed(Fixture.configMaps, Fixture.configMap("later"))
            harness.server.compactHistory()
            let reply = try await harness.get(Fixture.configMapsPath + "?limit=1&continue=" + (token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? token))
            #expect(reply.status == 410)
            #expect(reply.reason == "Expired")
            #expect(reply.message?.contains("continue parameter is too old") == true)
        }
    }

    @Test("a malformed continue token is 400")
    func malformedContinue() async throws {
        try await FakeServerHarness.run { harness in
            let reply = try await harness.get(Fixture.configMapsPath + "?continue=garbage")
            #expect(reply.status == 400)
        }
    }

    @Test(
        "label selectors filter lists",
        arguments: [
            ("app=web", ["a", "b"]),
            ("app==web", ["a", "b"]),
            ("app!=web", ["c", "d"]),
            ("app in (web,db)", ["a", "b", "c"]),
            ("app notin (web)", ["c", "d"]),
            ("tier", ["a", "c"]),
            ("!tier", ["b", "d"]),
            ("app=web,tier=front", ["a"]),
            ("app in (web), !tier", ["b"]),
            ("", ["a", "b", "c", "d"]),
        ])
    func labelSelectors(_ selector: String, _ expected: [String]) async throws {
        try await FakeServerHarness.run { harness in
            try seedLabelled(harness.server)
            let encoded = selector.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? selector
            let reply = try await harness.get(Fixture.configMapsPath + "?labelSelector=" + encoded)
            #expect(reply.status == 200)
            #expect(names(reply.body) == expected)
        }
    }

    @Test("invalid label selectors are 400 BadRequest", arguments: ["app in web", "=x", "app=(x", "a,", "bad key!=x", "app in (a"])
    func invalidLabelSelectors(_ selector: String) async throws {
        try await FakeServerHarness.run { harness in
            let encoded = selector.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? selector
            let reply = try await harness.get(Fixture.configMapsPath + "?labelSelector=" + encoded)
            #expect(reply.status == 400, "\(selector)")
            #expect(reply.reason == "BadRequest")
        }
    }

    @Test("field selectors support metadata.name and metadata.namespace only")
    func fieldSelectors() async throws {
        try await FakeServerHarness.run { harness in
            try seedLabelled(harness.server)
            let byName = try await harness.get(Fixture.configMapsPath + "?fieldSelector=metadata.name%3Db")
            #expect(names(byName.body) == ["b"])
            let notName = try await harness.get(Fixture.configMapsPath + "?fieldSelector=metadata.name!%3Db")
            #expect(names(notName.body) == ["a", "c", "d"])
            let all = try await harness.get("/api/v1/configmaps?fieldSelector=metadata.namespace%3D%3Ddefault")
            #expect(names(all.body) == ["a", "b", "c", "d"])
            let unsupported = try await harness.get(Fixture.configMapsPath + "?fieldSelector=spec.x%3D1")
            #expect(unsupported.status == 400)
        }
    }

    @Test("listing across namespaces sorts by namespace then name")
    func crossNamespaceList() async throws {
        try await FakeServerHarness.run { harness in
            _ = try harness.server.createNamespace("a-team")
            try harness.server.seed(Fixture.configMaps, Fixture.configMap("z", namespace: "a-team"))
            try harness.server.seed(Fixture.configMaps, Fixture.configMap("b"))
            try harness.server.seed(Fixture.configMaps, Fixture.configMap("a"))
            let reply = try await harness.get("/api/v1/configmaps")
            let keys = reply.body["items"]?.arrayValue?.compactMap { item -> String? in
                guard let namespace = item.value(at: ["metadata", "namespace"])?.stringValue,
                    let name = item.value(at: ["metadata", "name"])?.stringValue
                else { return nil }
                return namespace + "/" + name
            }
            #expect(keys == ["a-team/z", "default/a", "default/b"])
        }
    }

    private func seedLabelled(_ server: FakeAPIServer) throws {
        try server.seed(Fixture.configMaps, Fixture.configMap("a", labels: ["app": "web", "tier": "front"]))
        try server.seed(Fixture.configMaps, Fixture.configMap("b", labels: ["app": "web"]))
        try server.seed(Fixture.configMaps, Fixture.configMap("c", labels: ["app": "db", "tier": "back"]))
        try server.seed(Fixture.configMaps, Fixture.configMap("d"))
    }

    private func names(_ list: JSONValue) -> [String] {
        list["items"]?.arrayValue?.compactMap { $0.value(at: ["metadata", "name"])?.stringValue } ?? []
    }
}
