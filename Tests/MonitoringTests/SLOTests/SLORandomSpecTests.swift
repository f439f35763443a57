import Foundation
import Testing
@testable import Monitoring
import VigilTestSupport

/// Seeded random ServiceLevels (objectives, periods, styles, label and annotation text with
/// YAML-hostile characters): the generated file must always pass `promtool check rules`, which
/// parses it with Go's YAML and Prometheus' PromQL parser.
@Suite("Random SLO specs")
struct SLORandomSpecTests {
    /// Seeded, so a failure reproduces (shared generator from VigilTestSupport).
    typealias SeededGenerator = SplitMix64

    static let fragments = ["a", "Z", "0", "9", " ", ":", "#", "'", "\"", "-", "?", "!", "&", "*", "%", "@", "`",
                            "|", ">", "[", "]", "{", "}", ",", "\\", "ü", "🙂", "\n", "yes", "null", "1.5", "0x1"]

    static func text(_ rng: inout SeededGenerator) -> String {
        let count = Int.random(in: 1...8, using: &rng)
        let value = (0..<count).map { _ in fragments.randomElement(using: &rng) ?? "a" }.joined()
        // Annotations are Go templates for Prometheus; keep braces from forming actions.
        return value.replacingOccurrences(of: "{{", with: "{ {").replacingOccurrences(of: "}}", with: "} }")
    }

    static func serviceLevel(_ index: Int, _ rng: inout SeededGenerator) -> ServiceLevel {
        let objectives = [50, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.999, 99.9999, 0.001, 12.345]
        let sli: SLOIndicatorSpec = Bool.random(using: &rng)
            ? SLOIndicatorSpec(events: .init(errorQuery: "sum(rate(e_total{i=\"\(index)\"}[{{.window}}]))",
                                             totalQuery: "sum(rate(t_total[{{ .window }}]))"))
            : SLOIndicatorSpec(raw: .init(errorRatioQuery: "avg_over_time(r{x=\"a\\\"b\"}[{{.window}}])\n"))
        let alerting = SLOAlertingSpec(
            name: "Burn\(index)", labels: ["note": text(&rng)], annotations: ["detail": text(&rng)],
            pageAlert: .init(disable: Bool.random(using: &rng), annotations: ["x": text(&rng)]),
            ticketAlert: .init(disable: Bool.random(using: &rng), labels: ["y": text(&rng)]))
        return ServiceLevel(
            metadata: SLOObjectMeta(name: "slo-\(index)"),
            spec: .init(service: "svc.\(index)_x", objective: objectives.randomElement(using: &rng) ?? 99,
                        timeWindow: SLOPeriod.allCases.randomElement(using: &rng)?.rawValue,
                        labels: ["team": text(&rng), "tier": "\(index)"], sli: sli, alerting: alerting))
    }

    @Test("promtool accepts rules generated from random valid specs", arguments: [
        SLOGenerationOptions.Style.vigil, .slothCompatible,
    ])
    func promtoolAcceptsRandomSpecs(_ style: SLOGenerationOptions.Style) throws {
        var rng = SeededGenerator(state: style == .vigil ? 42 : 7)
        let options = SLOGenerationOptions(style: style)
        let definitions = try (0..<40).map { index in
            try SLOValidator.definition(of: Self.serviceLevel(index, &rng), options: options)
        }
        let rules = SLORuleGenerator.generate(definitions, options: options)
        #expect(rules.groups.count >= 80)
        guard SLOPromtoolTests.promtoolAvailable() else { return }
        let directory = try SLOPromtoolTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }   // cleanup only
        let file = directory.appendingPathComponent("rules.yaml")
        try rules.yaml().write(to: file, atomically: true, encoding: .utf8)
        let result = try SLOPromtoolTests.run(["check", "rules", file.path])
        #expect(result.status == 0, "\(result.output.prefix(2000))")
    }
}
