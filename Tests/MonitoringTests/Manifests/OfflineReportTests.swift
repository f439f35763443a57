import Testing
@testable import Monitoring

@Suite("What vigil check prints")
struct OfflineReportTests {
    @Test("problems, then ignored documents, then a summary; warnings do not fail the check")
    func report() {
        let text = """
            apiVersion: monitoring.coreos.com/v1
            kind: PrometheusRule
            metadata: {name: r, namespace: n}
            spec:
              groups:
              - name: g
                rules:
                - record: job:up
                  expr: sum by (job) (up
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: s}
            """
        let set = ManifestLoader.parse(text, file: "x.yaml")
        let output = OfflineRenderer.render(set)
        #expect(output.hasErrors)
        #expect(output.report(objectCount: set.objects.count) == """
            x.yaml:9: PrometheusRule n/r: group "g", rule 1 ("job:up"): expr: 1:17: parse error: unclosed left parenthesis
            x.yaml:11: ignored v1 Secret s
            1 object checked: 1 error, 0 warnings, 1 document ignored

            """)
        var warningsOnly = output
        warningsOnly.problems = output.problems.map { var problem = $0; problem.isWarning = true; return problem }
        #expect(!warningsOnly.hasErrors)
        #expect(warningsOnly.report(objectCount: 1).hasPrefix("x.yaml:9: warning: PrometheusRule n/r: "))
    }
}
