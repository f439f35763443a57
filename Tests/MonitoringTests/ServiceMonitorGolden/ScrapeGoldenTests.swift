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
