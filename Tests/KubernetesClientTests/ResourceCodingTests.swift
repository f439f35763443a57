import Foundation
import Testing
@testable import KubernetesClient

@Suite("resource coding")
struct ResourceCodingTests {
    @Test("unknown fields survive a read-modify-write")
    func unknownFieldsSurvive() throws {
        let raw = try JSONParser.parse(#"""
        {"apiVersion":"coordination.k8s.io/v1","kind":"Lease",
         "metadata":{"name":"vigil","namespace":"ops","resourceVersion":"7","managedFields":[{"manager":"x"}],
                     "labels":{"a":"b"}},
         "spec":{"holderIdentity":"pod-a","leaseDurationSeconds":15,"strategy":"OldestEmulationVersion",
                 "preferredHolder":"pod-b"},
         "futureTopLevel":{"k":[1,2]}}
        """#)
        var lease = try JSONCoding.decodeResource(Lease.self, from: raw, verb: .get, resource: Lease.resource)
        #expect(lease.spec?.holderIdentity == "pod-a")
        #expect(!lease.retainedFields.isEmpty)
        lease.spec?.holderIdentity = "pod-c"
        lease.metadata.labels?["c"] = "d"
        let written = try JSONCoding.encodeForWire(lease, verb: .update, resource: Lease.resource)
        #expect(written.value(at: ["spec", "holderIdentity"]) == "pod-c")
        #expect(written.value(at: ["spec", "strategy"]) == "OldestEmulationVersion")
        #expect(written.value(at: ["spec", "preferredHolder"]) == "pod-b")
        #expect(written.value(at: ["metadata", "managedFields"]) == [["manager": "x"]])
        #expect(written.value(at: ["metadata", "labels"]) == ["a": "b", "c": "d"])
        #expect(written["futureTopLevel"] == ["k": [1, 2]])
        #expect(written["retainedFields"] == nil)
    }

    @Test("a field the type models and the caller cleared stays cleared")
    func clearedKnownFieldStaysCleared() throws {
        let raw: JSONValue = ["metadata": ["name": "x", "labels": ["a": "b"]], "data": ["k": "v"], "extra": 1]
        var map = try JSONCoding.decodeResource(ConfigMap.self, from: raw, verb: .get, resource: ConfigMap.resource)
        map.data = nil
        map.metadata.labels = nil
        let written = try JSONCoding.encodeForWire(map, verb: .update, resource: ConfigMap.resource)
        #expect(written["data"] == nil)
        #expect(written.value(at: ["metadata", "labels"]) == nil)
        #expect(written["extra"] == 1)
    }

    @Test("unknown fields inside list elements survive while the list keeps its length")
    func unknownFieldsInArrays() throws {
        let raw: JSONValue = [
            "metadata": ["name": "s"],
            "spec": ["ports": [["port": 80, "nodePort": 30080], ["port": 81]], "sessionAffinity": "None"],
        ]
        var service = try JSONCoding.decodeResource(Service.self, from: raw, verb: .get, resource: Service.resource)
        service.spec?.ports?[0].name = "http"
        let written = try JSONCoding.encodeForWire(service, verb: .update, resource: Service.resource)
        #expect(written.value(at: ["spec", "sessionAffinity"]) == "None")
        #expect(written.value(at: ["spec", "ports"])?.arrayValue?[0] == ["port": 80, "nodePort": 30080, "name": "http"])
    }

    @Test("decoding errors name the field path")
    func decodingErrorsNameThePath() {
        let raw: JSONValue = ["metadata": ["name": "s"], "spec": ["ports": [["port": "eighty"]]]]
        #expect {
            try JSONCoding.decodeResource(Service.self, from: raw, verb: .get, resource: Service.resource)
        } throws: { error in
            "\(error)".contains("spec.ports[0].port")
        }
    }

    @Test("RFC 3339 times parse and format", arguments: [
        ("2026-01-02T03:04:05Z", 1_767_323_045.0, "2026-01-02T03:04:05Z"),
        ("2026-01-02T03:04:05.123456Z", 1_767_323_045.123456, "2026-01-02T03:04:05Z"),
        ("2026-01-02T05:04:05+02:00", 1_767_323_045.0, "2026-01-02T03:04:05Z"),
        ("1969-12-31T23:59:59Z", -1.0, "1969-12-31T23:59:59Z"),
    ])
    func rfc3339(_ text: String, _ seconds: Double, _ formatted: String) throws {
        let date = try #require(RFC3339.parse(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 1e-6)
        #expect(RFC3339.format(date, fractionDigits: 0) == formatted)
    }

    @Test("invalid times are rejected", arguments: ["", "2026-13-01T00:00:00Z", "2026-01-01 00:00:00Z", "2026-01-01T00:00:00", "2026-01-01T00:00:00.Z"])
    func invalidTimes(_ text: String) {
        #expect(RFC3339.parse(text) == nil)
    }

    @Test("micro times keep microseconds")
    func microTime() throws {
        let value = try JSONCoding.encode(MicroTime(Date(timeIntervalSince1970: 1.25)))
        #expect(value == "1970-01-01T00:00:01.250000Z")
    }

    @Test("resource paths", arguments: [
        (Service.resource, "a", "x", nil as String?, "/api/v1/namespaces/a/services/x"),
        (Service.resource, nil, nil, nil, "/api/v1/services"),
        (Namespace.resource, "ignored", "n", nil, "/api/v1/namespaces/n"),
        (EndpointSlice.resource, "a", nil, nil, "/apis/discovery.k8s.io/v1/namespaces/a/endpointslices"),
        (ResourceKind(group: "vigil.dev", version: "v1alpha1", plural: "servicelevels", kind: "ServiceLevel"), "a", "b/c", "status",
         "/apis/vigil.dev/v1alpha1/namespaces/a/servicelevels/b%2Fc/status"),
    ])
    func resourcePaths(_ kind: ResourceKind, _ namespace: String?, _ name: String?, _ sub: String?, _ expected: String) {
        #expect(kind.path(namespace: namespace, name: name, subresource: sub) == expected)
    }
}
