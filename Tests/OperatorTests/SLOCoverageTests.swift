import Foundation
import Monitoring
@testable import Operator
import Testing
import TSDB
import VigilTestSupport

@Suite("SLO coverage")
struct SLOCoverageTests {
    static func definition() throws -> SLODefinition {
        let yaml = try String(contentsOf: SharedData.repositoryRoot.appendingPathComponent("examples/kthena-availability-slo.yaml"),
                              encoding: .utf8)
        guard case .serviceLevel(let serviceLevel)? = try SLOManifestDecoder.decode(yaml: yaml).first else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return try SLOValidator.definition(of: serviceLevel)
    }

    @Test("coverage is the share of the period since the oldest recorded 5m ratio; none recorded is unknown")
    func share() throws {
        let definition = try Self.definition()
        let storage = TimeSeriesStore()
        let observer = SLOObserver(storage: storage)
        let now: Int64 = 40 * 86_400_000
        #expect(observer.coverage(of: definition, at: now) == nil)

        let labels = Labels(["__name__": "slo:sli_error:ratio_rate5m", "sloth_id": definition.id, "sloth_window": "5m"])
        var appender = storage.appender()
        let threeDays: Int64 = 3 * 86_400_000
        _ = try appender.append(labels, t: now - threeDays, v: 0.01)
        _ = try appender.append(labels, t: now - 60_000, v: 0.02)
        _ = appender.commit()
        let coverage = try #require(observer.coverage(of: definition, at: now))
        #expect(abs(coverage - 0.1) < 1e-9, "3 of 30 days")
    }
}
