import Foundation
import Monitoring
import Testing

@Suite("Scrape config golden cases")
struct ScrapeGoldenTests {
    @Test("generated jobs match the golden file byte for byte", arguments: try ScrapeGoldenCase.all())
    func jobsMatchGolden(_ golden: ScrapeGoldenCase) throws {
        let (monitors, secrets) = try golden.inputs()
        let generation = ScrapeConfigGenerator.generate(monitors, options: try golden.options(), secrets: secrets)
        #expect(generation.rejected.isEmpty, "unexpected rejections: \(generation.rejected)")
        let yaml = try OrderedYAML.emit(generation.jobs)
        let difference = try golden.difference(from: yaml)
        #expect(difference == nil, "\(golden.name): \(difference ?? "")")
    }

    @Test("the whole config document matches document.yaml where a case has one",
          arguments: try ScrapeGoldenCase.all().filter { $0.hasFile("document.yaml") })
    func documentMatchesGolden(_ golden: ScrapeGoldenCase) throws {
        let (monitors, secrets) = try golden.inputs()
        let yaml = try ScrapeConfigGenerator.document(monitors, options: try golden.options(), secrets: secrets).document.yaml()
        let difference = try golden.difference(from: yaml, file: "document.yaml")
        #expect(difference == nil, "\(golden.name): \(difference ?? "")")
    }

    @Test("joining each monitor's rendered jobs gives the same bytes as rendering the whole document",
          arguments: try ScrapeGoldenCase.all())
    func renderedJobsJoinToTheDocument(_ golden: ScrapeGoldenCase) throws {
        let (monitors, secrets) = try golden.inputs()
        let options = try golden.options()
        let (document, generation) = ScrapeConfigGenerator.document(monitors, options: options, secrets: secrets)
        var perMonitor: [String] = []
        for monitor in monitors.sorted(by: { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) })
        where !generation.rejected.contains(where: { $0.monitorKey == monitor.key }) {
            perMonitor.append(try PrometheusConfigDocument.renderedJobs(
                ScrapeConfigGenerator.jobs(for: monitor, options: options, secrets: secrets)))
        }
        #expect(try document.yaml(renderedJobs: perMonitor) == document.yaml())
        var empty = document
        empty.scrapeConfigs = []
        #expect(try empty.yaml(renderedJobs: []) == empty.yaml())
        #expect(try empty.yaml(renderedJobs: ["", ""]) == empty.yaml())
    }

    @Test("the document carries scrape_timeout and retention only when configured")
    func optionalGlobals() throws {
        var options = GeneratorOptions(prometheusNamespace: "ops", prometheusName: "edge")
        options.scrapeTimeout = "10s"
        options.retention = "24h"
        let yaml = try PrometheusConfigDocument(jobs: [], options: options).yaml()
        #expect(yaml == """
            global:
              scrape_interval: 30s
              scrape_timeout: 10s
              external_labels:
                prometheus: ops/edge
                prometheus_replica: $(POD_NAME)
              evaluation_interval: 30s
            scrape_configs: []
            storage:
              tsdb:
                retention:
                  time: 24h

            """)
    }

    @Test("extra external labels are written sorted beside Vigil's own, which win on a clash")
    func extraExternalLabels() throws {
        var options = GeneratorOptions(prometheusNamespace: "ops", prometheusName: "edge")
        options.externalLabels = ["region": "eu-1", "cluster": "prod", "prometheus": "spoofed"]
        let yaml = try PrometheusConfigDocument(jobs: [], options: options).yaml()
        #expect(yaml == """
            global:
              scrape_interval: 30s
              external_labels:
                cluster: prod
                prometheus: ops/edge
                prometheus_replica: $(POD_NAME)
                region: eu-1
              evaluation_interval: 30s
            scrape_configs: []

            """)
    }

    @Test("generating twice gives byte-identical documents", arguments: try ScrapeGoldenCase.all())
    func generationIsDeterministic(_ golden: ScrapeGoldenCase) throws {
        let (monitors, secrets) = try golden.inputs()
        let options = try golden.options()
        let first = try ScrapeConfigGenerator.document(monitors, options: options, secrets: secrets).document.yaml()
        let second = try ScrapeConfigGenerator.document(monitors.reversed(), options: options, secrets: secrets).document.yaml()
        #expect(first == second)
    }

    @Test("there are the three worked examples and at least six more cases")
    func enoughCases() throws {
        let names = try ScrapeGoldenCase.all().map(\.name)
        #expect(names.filter { $0.hasPrefix("example-") }.count >= 3)
        #expect(names.filter { !$0.hasPrefix("example-") }.count >= 6)
    }
}
