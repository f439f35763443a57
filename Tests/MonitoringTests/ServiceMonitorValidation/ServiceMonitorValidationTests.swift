import Foundation
import Monitoring
import Testing

/// A monitor manifest (spec part only) and the issues validation must report for it.
struct ValidationCase: CustomTestStringConvertible, Sendable {
    let name: String
    let spec: String
    let expected: [String]
    let reasons: [ValidationIssue.Reason]
    var testDescription: String { name }

    init(_ name: String, _ spec: String, _ expected: [String], _ reasons: [ValidationIssue.Reason]) {
        (self.name, self.spec, self.expected, self.reasons) = (name, spec, expected, reasons)
    }

    func monitor() throws -> ServiceMonitor {
        try ServiceMonitor(yaml: """
            apiVersion: monitoring.coreos.com/v1
            kind: ServiceMonitor
            metadata: {name: m, namespace: ns}
            spec:
            \(spec.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n"))
            """)
    }
}

private let secrets = SecretLookup(values: [
    .init(.secret, namespace: "ns", name: "auth", key: "user"): "u",
    .init(.secret, namespace: "ns", name: "auth", key: "pass"): "p",
])

@Suite("ServiceMonitor validation")
struct ServiceMonitorValidationTests {
    static let cases: [ValidationCase] = [
        ValidationCase("a plain monitor is valid", """
            selector: {matchLabels: {app: web}}
            endpoints: [{port: web}]
            """, [], []),
        ValidationCase("an invalid relabel regex is named with its full path", """
            selector: {}
            endpoints:
            - port: a
            - port: b
              relabelings:
              - {sourceLabels: [x], regex: "(", targetLabel: y}
            """, [#"spec.endpoints[1].relabelings[0].regex: invalid regular expression "(": "#], [.invalidRelabeling]),
        ValidationCase("port and targetPort together are reported as a warning", """
            selector: {}
            endpoints: [{port: web, targetPort: 8080}]
            """, ["spec.endpoints[0]: port and targetPort are mutually exclusive; targetPort is ignored"], [.invalidEndpoint]),
        ValidationCase("scrapeTimeout above interval is rejected with prometheus-operator's wording", """
            selector: {}
            endpoints: [{port: web, interval: 15s, scrapeTimeout: 60s}]
            """, [#"spec.endpoints[0].scrapeTimeout: scrapeTimeout "60s" greater than scrapeInterval "15s""#],
            [.invalidScrapeTimeout]),
        ValidationCase("scrapeTimeout is compared with the global interval when interval is unset", """
            selector: {}
            endpoints: [{port: web, scrapeTimeout: 1m}]
            """, [#"spec.endpoints[0].scrapeTimeout: scrapeTimeout "1m" greater than scrapeInterval "30s""#],
            [.invalidScrapeTimeout]),
        ValidationCase("bad selector operators and value sets are all reported", """
            selector:
              matchExpressions:
              - {key: a, operator: Equals, values: [x]}
              - {key: b, operator: In}
              - {key: c, operator: Exists, values: [x]}
            endpoints: []
            """, [
                #"spec.selector.matchExpressions[0].operator: "Equals" is not a valid label selector operator"#,
                "spec.selector.matchExpressions[1].values: for 'in', 'notin' operators, values set can't be empty",
                "spec.selector.matchExpressions[2].values: values set must be empty for exists and does not exist",
            ], [.invalidSelector, .invalidSelector, .invalidSelector]),
        ValidationCase("an invalid label key in matchLabels is rejected", """
            selector: {matchLabels: {"-bad": x}}
            endpoints: []
            """, [#"spec.selector.matchLabels: key "-bad": must consist of"#], [.invalidSelector]),
        ValidationCase("a missing Secret names the object and key", """
            selector: {}
            endpoints:
            - port: web
              basicAuth:
                username: {name: auth, key: user}
                password: {name: auth, key: missing}
            """, [#"spec.endpoints[0].basicAuth.password: secret "ns/auth" key "missing" not found"#], [.referenceNotFound]),
        ValidationCase("two auth methods are mutually exclusive", """
            selector: {}
            endpoints:
            - port: web
              basicAuth:
                username: {name: auth, key: user}
                password: {name: auth, key: pass}
              bearerTokenSecret: {name: auth, key: pass}
            """, ["spec.endpoints[0]: at most one of basicAuth, bearerTokenSecret may be set"], [.invalidAuthentication]),
        ValidationCase("authorization of type Basic is forbidden", """
            selector: {}
            endpoints:
            - port: web
              authorization: {type: Basic, credentials: {name: auth, key: pass}}
            """, [#"spec.endpoints[0].authorization.type: authorization type cannot be set to "basic""#],
            [.invalidAuthentication]),
        ValidationCase("a client certificate needs a key and ca excludes caFile", """
            selector: {}
            endpoints:
            - port: web
              tlsConfig:
                ca: {secret: {name: auth, key: user}}
                caFile: /ca.pem
                certFile: /cert.pem
            """, [
                "spec.endpoints[0].tlsConfig: tlsConfig.ca and tlsConfig.caFile are mutually exclusive",
                "spec.endpoints[0].tlsConfig: client certificate specified without client key",
            ], [.invalidTLSConfig, .invalidTLSConfig]),
        ValidationCase("relabel actions check their required fields", """
            selector: {}
            endpoints:
            - port: web
              relabelings:
              - {action: hashmod, sourceLabels: [a], targetLabel: b}
              - {action: replace, sourceLabels: [a]}
              - {action: labeldrop, regex: x, targetLabel: y}
              - {action: explode}
              metricRelabelings:
              - {action: lowercase, sourceLabels: [a], targetLabel: b, replacement: x}
            """, [
                "spec.endpoints[0].relabelings[0].modulus: relabel configuration for hashmod requires non-zero modulus",
                "spec.endpoints[0].relabelings[1].targetLabel: relabel configuration for replace action needs targetLabel value",
                "spec.endpoints[0].relabelings[2]: labeldrop action requires only 'regex', and no other fields",
                #"spec.endpoints[0].relabelings[3].action: unknown relabel action "explode""#,
                "spec.endpoints[0].metricRelabelings[0].replacement: 'replacement' can not be set for lowercase action",
            ], [.invalidRelabeling, .invalidRelabeling, .invalidRelabeling, .invalidRelabeling, .invalidRelabeling]),
        ValidationCase("RE2-only refusals are caught even though Swift regexes allow them", """
            selector: {}
            endpoints:
            - port: web
              relabelings:
              - {sourceLabels: [a], regex: "(?!x)", targetLabel: b}
            """, [#"spec.endpoints[0].relabelings[0].regex: invalid regular expression "(?!x)": "#], [.invalidRelabeling]),
        ValidationCase("a proxy URL must have a supported scheme", """
            selector: {}
            endpoints: [{port: web, proxyUrl: "ftp://proxy"}]
            """, [#"spec.endpoints[0].proxyUrl: proxyUrl "ftp://proxy" must start with"#], [.invalidEndpoint]),
        ValidationCase("an unknown scrape class is rejected", """
            scrapeClass: gold
            selector: {}
            endpoints: []
            """, [#"spec.scrapeClass: scrape class "gold" not found"#], [.unknownScrapeClass]),
    ]

    @Test("validation reports every problem with its field path", arguments: cases)
    func reportsIssues(_ testCase: ValidationCase) throws {
        let issues = ServiceMonitorValidator.validate(try testCase.monitor(), options: GeneratorOptions(), secrets: secrets)
        #expect(issues.count == testCase.expected.count, "\(issues.map(\.description))")
        for (issue, expected) in zip(issues, testCase.expected) {
            #expect(issue.description.hasPrefix(expected), "got \(issue.description)")
        }
        #expect(issues.map(\.reason) == testCase.reasons)
    }

    @Test("a rejected monitor contributes no job but others still do")
    func rejectedMonitorIsSkipped() throws {
        let good = try ValidationCase("", "selector: {}\nendpoints: [{port: web}]", [], []).monitor()
        var bad = good
        bad.metadata.name = "bad"
        bad.spec.endpoints[0].scrapeTimeout = "5m"
        let generation = ScrapeConfigGenerator.generate([bad, good], options: GeneratorOptions())
        #expect(generation.jobs.map(\.jobName) == ["serviceMonitor/ns/m/0"])
        #expect(generation.rejected.map(\.monitorKey) == ["ns/bad"])
        #expect(generation.rejected.first?.issues.first?.reason == .invalidScrapeTimeout)
    }

    @Test("a warning does not reject the monitor and port wins over targetPort")
    func warningKeepsMonitor() throws {
        let monitor = try ValidationCase("", "selector: {}\nendpoints: [{port: web, targetPort: 8080}]", [], []).monitor()
        let generation = ScrapeConfigGenerator.generate([monitor], options: GeneratorOptions())
        #expect(generation.jobs.count == 1)
        #expect(generation.warnings.count == 1)
        let endpointRule = generation.jobs.first?.relabelConfigs.first { $0.targetLabel == "endpoint" }
        #expect(endpointRule?.replacement == "web")
    }

    @Test("label names follow the legacy rules before Prometheus 3")
    func legacyLabelNames() throws {
        let monitor = try ValidationCase("", """
            selector: {}
            endpoints:
            - port: web
              relabelings:
              - {sourceLabels: [a], targetLabel: "service.name"}
              - {sourceLabels: [a], targetLabel: "${1}_copy"}
            """, [], []).monitor()
        var options = GeneratorOptions()
        #expect(ServiceMonitorValidator.validate(monitor, options: options).isEmpty)
        options.prometheusVersion = PrometheusVersion(2, 42)
        let issues = ServiceMonitorValidator.validate(monitor, options: options)
        #expect(issues.map(\.field) == ["spec.endpoints[0].relabelings[0].targetLabel"])
    }
}

@Suite("ServiceMonitor decoding")
struct ServiceMonitorDecodingTests {
    @Test("unknown fields are ignored and targetPort reads as number or name")
    func decodesTolerantly() throws {
        let monitor = try ServiceMonitor(json: Data("""
            {"apiVersion":"monitoring.coreos.com/v1","kind":"ServiceMonitor",
             "metadata":{"name":"a","namespace":"b","uid":"x"},
             "spec":{"futureField":true,"selector":{},"endpoints":[{"targetPort":8080},{"targetPort":"http"}]},
             "status":{"bindings":[]}}
            """.utf8))
        #expect(monitor.spec.endpoints.map(\.targetPort) == [.int(8080), .string("http")])
    }

    @Test("a quoted number in YAML is a port name, as in JSON")
    func quotedTargetPort() throws {
        let monitor = try ServiceMonitor(yaml: """
            metadata: {name: a, namespace: b}
            spec:
              selector: {}
              endpoints: [{targetPort: "8080"}, {targetPort: 8080}]
            """)
        #expect(monitor.spec.endpoints.map(\.targetPort) == [.string("8080"), .int(8080)])
    }

    @Test("a wrong type names the field")
    func wrongTypeNamesField() {
        #expect {
            _ = try ServiceMonitor(json: Data(#"{"metadata":{"name":"a"},"spec":{"selector":{},"endpoints":[{"honorLabels":"yes"}]}}"#.utf8))
        } throws: { error in
            (error as? ServiceMonitor.DecodingFailure)?.field == "spec.endpoints[0].honorLabels"
        }
    }

    @Test("a missing required field is reported, not crashed on")
    func missingSelector() {
        #expect {
            _ = try ServiceMonitor(yaml: "metadata: {name: a}\nspec: {endpoints: []}\n")
        } throws: { error in
            (error as? ServiceMonitor.DecodingFailure)?.field == "spec.selector"
        }
    }

    @Test("malformed YAML is an error, not a crash", arguments: ["spec: [", "{{{", "metadata: 3", ""])
    func malformed(_ text: String) {
        #expect(throws: ServiceMonitor.DecodingFailure.self) { _ = try ServiceMonitor(yaml: text) }
    }
}
