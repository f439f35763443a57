import Rules
import Testing

@Suite("Rule file loader")
struct RuleFileLoaderTests {
    @Test("loads groups, rules, durations, labels and annotations")
    func loads() throws {
        let yaml = """
            groups:
              - name: g
                interval: 30s
                limit: 5
                rules:
                  - record: job:up:sum
                    expr: sum by (job) (up)
                    labels: {team: a}
                  - alert: Down
                    expr: up == 0
                    for: 5m
                    keep_firing_for: 1m
                    labels: {severity: page}
                    annotations: {summary: "{{ $labels.job }} down"}
            """
        let groups = try RuleFileLoader.load(yaml: yaml, file: "rules.yaml")
        #expect(groups == [RuleGroupDefinition(name: "g", file: "rules.yaml", interval: 30_000, limit: 5, rules: [
            .record("job:up:sum", "sum by (job) (up)", labels: ["team": "a"]),
            .alert("Down", "up == 0", for: 300_000, keepFiringFor: 60_000, labels: ["severity": "page"],
                   annotations: ["summary": "{{ $labels.job }} down"]),
        ])])
    }

    struct Bad: Sendable, CustomStringConvertible {
        var yaml: String
        var promtool: String
        var description: String { promtool }
    }

    @Test("rejects broken files with promtool's message and position", arguments: [
        Bad(yaml: "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: sum(up\n",
            promtool: #"r.yaml: 5:15: group "g", rule 1, "A": could not parse expression: 1:7: parse error: unclosed left parenthesis"#),
        Bad(yaml: "groups:\n  - name: g\n    rules: []\n  - name: g\n    rules: []\n",
            promtool: #"r.yaml: 4:5: groupname: "g" is repeated in the same file"#),
        Bad(yaml: "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up\n        for: 5x\n",
            promtool: #"r.yaml: not a valid duration string: "5x""#),
        Bad(yaml: "groups:\n  - name: g\n    rules:\n      - expr: up\n",
            promtool: #"r.yaml: 0:0: group "g", rule 1, "": one of 'record' or 'alert' must be set"#),
    ])
    func rejects(_ bad: Bad) {
        #expect(throws: (any Error).self) { try RuleFileLoader.load(yaml: bad.yaml, file: "r.yaml") }
        do {
            _ = try RuleFileLoader.load(yaml: bad.yaml, file: "r.yaml")
        } catch {
            #expect(error.promtoolDescription == bad.promtool)
        }
    }

    @Test("the issue's validation format names group, rule and field")
    func description() {
        let error = RuleFileError(file: "", group: "g", ruleIndex: 2, ruleName: "HighErrorRate", field: "expr",
                                  message: "1:45: parse error: unexpected")
        #expect(error.description == #"group "g", rule 3 ("HighErrorRate"): expr: 1:45: parse error: unexpected"#)
    }
}
