import Testing
@testable import Monitoring

@Suite("Generating from several manifests")
struct SLOManifestGenerationTests {
    static func manifest(_ namespace: String, _ name: String, objective: Double = 99) -> SLOManifest {
        .serviceLevel(ServiceLevel(
            metadata: SLOObjectMeta(name: name, namespace: namespace),
            spec: .init(service: "svc", objective: objective,
                        sli: SLOIndicatorSpec(raw: .init(errorRatioQuery: "r[{{.window}}]")))))
    }

    @Test("objects are generated in (namespace, name) order whatever the input order")
    func sorted() {
        let a = [Self.manifest("b", "z1"), Self.manifest("a", "y2"), Self.manifest("a", "x3")]
        let result = SLORuleGenerator.generate(manifests: a)
        #expect(result.failures.isEmpty)
        #expect(result.rules.groups.map(\.name).filter { $0.hasPrefix("sloth-slo-sli") }
            == ["sloth-slo-sli-recordings-svc-x3", "sloth-slo-sli-recordings-svc-y2", "sloth-slo-sli-recordings-svc-z1"])
        #expect(SLORuleGenerator.generate(manifests: a.reversed()) == result)
    }

    @Test("an invalid object is reported by key and the others still get rules")
    func partialFailure() {
        let result = SLORuleGenerator.generate(manifests: [Self.manifest("a", "ok1"), Self.manifest("a", "bad", objective: 100)])
        #expect(result.failures.map(\.object) == ["a/bad"])
        #expect(result.failures.first?.error.issues.map(\.reason) == [.objectiveOutOfRange])
        #expect(result.rules.groups.count == 2)
    }

    @Test("status queries select the recorded series of the SLO")
    func statusQueries() throws {
        guard case .serviceLevel(var object) = Self.manifest("a", "latency") else { return }
        object.spec.timeWindow = "28d"
        let queries = try SLOValidator.definition(of: object).statusQueries
        let filter = #"{sloth_id="svc-latency", sloth_service="svc", sloth_slo="latency"}"#
        #expect(queries == SLOStatusQueries(
            periodErrorRatio: "slo:sli_error:ratio_rate4w" + filter,
            currentBurnRate: "slo:current_burn_rate:ratio" + filter,
            periodBurnRate: "slo:period_burn_rate:ratio" + filter,
            errorBudgetRemaining: "slo:period_error_budget_remaining:ratio" + filter))
    }
}
