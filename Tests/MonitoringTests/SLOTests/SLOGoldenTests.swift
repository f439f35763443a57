import Foundation
import Testing
import Yams
@testable import Monitoring

@Suite("SLO rule golden files")
struct SLOGoldenTests {
    @Test("generated rule files match the golden files as parsed YAML with key order",
          arguments: try SLOGoldenCase.all())
    func matchesGolden(_ golden: SLOGoldenCase) throws {
        let generated = try golden.generate()
        let expectedURL = SLOGoldenCase.directory.appendingPathComponent("\(golden.name)/expected.yaml")
        if ProcessInfo.processInfo.environment["VIGIL_UPDATE_GOLDEN"] == "1" {
            try generated.write(to: expectedURL, atomically: true, encoding: .utf8)
        }
        let expected = try golden.read("expected.yaml")
        // Node equality compares mappings in order, so key order counts.
        #expect(try Yams.compose(yaml: generated) == Yams.compose(yaml: expected))
    }

    @Test("generation is deterministic", arguments: try SLOGoldenCase.all())
    func deterministic(_ golden: SLOGoldenCase) throws {
        #expect(try golden.generate() == golden.generate())
    }
}
