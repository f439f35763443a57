import Monitoring
import Testing

@Suite("Which ServiceMonitors a Prometheus selects")
struct MonitorSelectionTests {
    static func monitor(_ namespace: String, _ name: String, labels: [String: String] = [:]) -> ServiceMonitor {
        ServiceMonitor(metadata: .init(name: name, namespace: namespace, labels: labels),
                       spec: .init(endpoints: [], selector: LabelSelector()))
    }

    static let monitors = [
        monitor("shop", "checkout", labels: ["release": "main"]),
        monitor("monitoring", "self", labels: ["release": "main"]),
        monitor("monitoring", "other", labels: ["release": "canary"]),
        monitor("finance", "ledger", labels: ["release": "main", "tier": "gold"]),
    ]
    static let namespaces = ["shop": ["team": "web"], "monitoring": ["team": "ops"], "finance": ["team": "money"]]

    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        let monitorSelector: LabelSelector?
        let namespaceSelector: LabelSelector?
        let expected: [String]
        var testDescription: String { name }
    }

    static let rows = [
        Row(name: "a null monitor selector selects nothing", monitorSelector: nil, namespaceSelector: LabelSelector(),
            expected: []),
        Row(name: "an empty monitor selector with a null namespace selector selects the own namespace",
            monitorSelector: LabelSelector(), namespaceSelector: nil, expected: ["monitoring/other", "monitoring/self"]),
        Row(name: "empty selectors select everything, sorted by key", monitorSelector: LabelSelector(),
            namespaceSelector: LabelSelector(),
            expected: ["finance/ledger", "monitoring/other", "monitoring/self", "shop/checkout"]),
        Row(name: "label and namespace selectors combine",
            monitorSelector: LabelSelector(matchLabels: ["release": "main"]),
            namespaceSelector: LabelSelector(matchExpressions: [.init(key: "team", operator: .notIn, values: ["ops"])]),
            expected: ["finance/ledger", "shop/checkout"]),
        Row(name: "set-based monitor selectors work",
            monitorSelector: LabelSelector(matchExpressions: [.init(key: "tier", operator: .exists),
                                                              .init(key: "release", operator: .in, values: ["main"])]),
            namespaceSelector: LabelSelector(), expected: ["finance/ledger"]),
    ]

    @Test("selection follows prometheus-operator's null-versus-empty rules", arguments: rows)
    func selection(_ row: Row) {
        let selection = MonitorSelection(serviceMonitorSelector: row.monitorSelector,
                                         serviceMonitorNamespaceSelector: row.namespaceSelector,
                                         prometheusNamespace: "monitoring")
        #expect(selection.select(Self.monitors, namespaceLabels: Self.namespaces).map(\.key) == row.expected)
    }

    @Test("DoesNotExist matches objects without the label only")
    func doesNotExist() {
        let selector = LabelSelector(matchExpressions: [.init(key: "legacy", operator: .doesNotExist)])
        #expect(selector.matches(["app": "x"]))
        #expect(!selector.matches(["legacy": ""]))
    }
}

@Suite("Accepted condition")
struct AcceptanceTests {
    @Test("a valid monitor is accepted with empty reason and message")
    func accepted() {
        let acceptance = Acceptance(issues: [ValidationIssue(field: "spec.endpoints[0]", message: "w",
                                                             reason: .invalidEndpoint, severity: .warning)])
        #expect(acceptance.status == "True")
        #expect(acceptance.reason.isEmpty && acceptance.message.isEmpty)
        #expect(acceptance.eventNote(monitorKey: "a/b") == nil)
    }

    @Test("a rejected monitor carries every error in the message")
    func rejected() throws {
        let monitor = try ServiceMonitor(yaml: """
            metadata: {name: m, namespace: ns}
            spec:
              selector: {}
              endpoints:
              - {port: a, interval: 10s, scrapeTimeout: 20s}
              - {port: b, relabelings: [{action: hashmod, sourceLabels: [x], targetLabel: y}]}
            """)
        let acceptance = Acceptance(issues: ServiceMonitorValidator.validate(monitor, options: GeneratorOptions()))
        #expect(acceptance.status == "False")
        #expect(acceptance.reason == "InvalidConfiguration")
        #expect(acceptance.message == """
            spec.endpoints[0].scrapeTimeout: scrapeTimeout "20s" greater than scrapeInterval "10s"; \
            spec.endpoints[1].relabelings[0].modulus: relabel configuration for hashmod requires non-zero modulus
            """)
        #expect(acceptance.causes == [.invalidScrapeTimeout, .invalidRelabeling])
        #expect(acceptance.eventNote(monitorKey: "ns/m")?.hasPrefix("\"ns/m\" was rejected due to invalid configuration: ") == true)
    }
}
