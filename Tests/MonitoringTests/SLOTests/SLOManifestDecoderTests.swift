import Testing
@testable import Monitoring

@Suite("Reading SLO manifests from YAML")
struct SLOManifestDecoderTests {
    @Test("a stream with both kinds and unrelated objects yields the SLO objects in order")
    func mixedStream() throws {
        let yaml = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: other}
            ---
            apiVersion: vigil.dev/v1alpha1
            kind: ServiceLevel
            metadata: {name: availability}
            spec:
              service: checkout
              objective: 99.9
              sli: {raw: {errorRatioQuery: "x[{{.window}}]"}}
            ---
            apiVersion: sloth.slok.dev/v1
            kind: PrometheusServiceLevel
            metadata: {name: checkout}
            spec:
              service: checkout
              slos:
                - name: latency
                  objective: 99
                  sli: {raw: {errorRatioQuery: "y[{{.window}}]"}}
                  alerting: {}
            ---
            """
        let manifests = try SLOManifestDecoder.decode(yaml: yaml)
        #expect(manifests.count == 2)
        guard case .serviceLevel(let first) = manifests.first, case .prometheusServiceLevel(let second) = manifests.last else {
            Issue.record("unexpected kinds: \(manifests)")
            return
        }
        #expect(first.spec.objective == 99.9)
        #expect(second.spec.slos.map(\.name) == ["latency"])
    }

    struct BadCase: Sendable, CustomTestStringConvertible {
        let name: String, yaml: String, document: Int, path: String
        var testDescription: String { name }
    }

    @Test("bad input gives a typed error with document and field path", arguments: [
        BadCase(name: "objective is not a number", yaml: """
            apiVersion: vigil.dev/v1alpha1
            kind: ServiceLevel
            metadata: {name: a}
            spec: {service: s1, objective: high, sli: {}}
            """, document: 0, path: "spec.objective"),
        BadCase(name: "events without totalQuery", yaml: """
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: x}
            ---
            apiVersion: sloth.slok.dev/v1
            kind: PrometheusServiceLevel
            metadata: {name: a}
            spec:
              service: s1
              slos:
                - name: n1
                  objective: 99
                  sli: {events: {errorQuery: "e[{{.window}}]"}}
            """, document: 1, path: "spec.slos[0].sli.events.totalQuery"),
        BadCase(name: "missing spec", yaml: """
            apiVersion: vigil.dev/v1alpha1
            kind: ServiceLevel
            metadata: {name: a}
            """, document: 0, path: "spec"),
        BadCase(name: "a list at the top level", yaml: "- a\n- b\n", document: 0, path: ""),
        BadCase(name: "broken YAML", yaml: "a: [1, 2\nb: {", document: 0, path: ""),
    ])
    func badInput(_ c: BadCase) {
        do {
            let manifests = try SLOManifestDecoder.decode(yaml: c.yaml)
            Issue.record("expected an error, got \(manifests)")
        } catch {
            #expect(error.document == c.document)
            #expect(error.path == c.path)
        }
    }

    @Test("arbitrary truncations of a valid manifest never crash")
    func truncations() throws {
        let yaml = try SLOGoldenCase(name: "sloth-worked-example").read("input.yaml")
        var index = yaml.startIndex
        while index < yaml.endIndex {
            // Either result is fine; reaching the end of the loop is the test.
            if let manifests = try? SLOManifestDecoder.decode(yaml: String(yaml[..<index])) {
                for case .prometheusServiceLevel(let object) in manifests {
                    _ = try? SLOValidator.definitions(of: object)
                }
            }
            index = yaml.index(index, offsetBy: 7, limitedBy: yaml.endIndex) ?? yaml.endIndex
        }
    }
}
