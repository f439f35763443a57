import Monitoring
import Testing

/// The generator keeps, beside the mounted paths it writes, which Secret or ConfigMap key
/// each TLS file comes from and the monitor field naming it, for the embedded engine.
@Suite("TLS material sources of generated jobs")
struct TLSSourceTests {
    @Test("ca, cert and keySecret references become sources with their field paths; nothing new is written")
    func sources() throws {
        let monitor = try ServiceMonitor(yaml: """
            metadata: {name: m, namespace: ns}
            spec:
              selector: {}
              endpoints:
                - port: web
                - port: tls
                  tlsConfig:
                    ca: {configMap: {name: bundle, key: ca.crt}}
                    cert: {secret: {name: client, key: tls.crt}}
                    keySecret: {name: client, key: tls.key}
                    caFile: ignored-by-validation
            """)
        let jobs = ScrapeConfigGenerator.jobs(for: monitor, options: GeneratorOptions())
        #expect(jobs.first?.tlsConfig == nil)
        let tls = try #require(jobs.last?.tlsConfig)
        #expect(tls.sources == [
            TLSMaterialSource(part: .ca, reference: .init(.configMap, namespace: "ns", name: "bundle", key: "ca.crt"),
                              field: "spec.endpoints[1].tlsConfig.ca.configMap"),
            TLSMaterialSource(part: .certificate, reference: .init(.secret, namespace: "ns", name: "client", key: "tls.crt"),
                              field: "spec.endpoints[1].tlsConfig.cert.secret"),
            TLSMaterialSource(part: .privateKey, reference: .init(.secret, namespace: "ns", name: "client", key: "tls.key"),
                              field: "spec.endpoints[1].tlsConfig.keySecret"),
        ])
        #expect(tls.mountedCAFile == "/etc/prometheus/certs/1_ns_bundle_ca.crt")
    }
}
