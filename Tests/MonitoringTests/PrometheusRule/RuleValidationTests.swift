import Foundation
import Testing
@testable import Monitoring

@Suite("PrometheusRule validation")
struct RuleValidationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var group: PrometheusRule.RuleGroup
        var expected: [String]
        var testDescription: String { name }
    }

    static func group(_ rules: PrometheusRule.Rule...) -> PrometheusRule.RuleGroup {
        PrometheusRule.RuleGroup(name: "g", rules: rules)
    }

    static let cases: [Case] = [
        Case(name: "a parse error names the group, rule number, rule name and parser position",
             group: group(.init(alert: "A", expr: .string("up"))
                          , .init(alert: "HighErrorRate", expr: .string("sum(rate(x[5m])"))),
             expected: [#"group "g", rule 2 ("HighErrorRate"): expr: 1:16: parse error: unclosed left parenthesis"#]),
        Case(name: "a type error from the checker is reported with its position",
             group: group(.init(record: "r", expr: .string("rate(up)"))),
             expected: [#"group "g", rule 1 ("r"): expr: 1:6: parse error: expected type range vector in call to function "rate", got instant vector"#]),
        Case(name: "a range vector or string result is rejected",
             group: group(.init(record: "r", expr: .string("up[5m]")), .init(alert: "S", expr: .string("\"text\""))),
             expected: [#"group "g", rule 1 ("r"): expr: expression must evaluate to an instant vector or a scalar, got range vector"#,
                        #"group "g", rule 2 ("S"): expr: expression must evaluate to an instant vector or a scalar, got string"#]),
        Case(name: "both or neither of record and alert",
             group: group(.init(record: "r", alert: "A", expr: .string("up")), .init(expr: .string("up"))),
             expected: [#"group "g", rule 1 ("A"): only one of 'record' and 'alert' must be set"#,
                        #"group "g", rule 2 (""): one of 'record' or 'alert' must be set"#]),
        Case(name: "a missing expression",
             group: group(.init(alert: "A", expr: .string(" "))),
             expected: [#"group "g", rule 1 ("A"): expr: field 'expr' must be set in rule"#]),
        Case(name: "recording rules reject alert-only fields and invalid metric names",
             group: group(.init(record: "bad name", expr: .string("up"), for: "5m", keepFiringFor: "1m",
                                annotations: ["a": "b"])),
             expected: [#"group "g", rule 1 ("bad name"): annotations: invalid field 'annotations' in recording rule"#,
                        #"group "g", rule 1 ("bad name"): for: invalid field 'for' in recording rule"#,
                        #"group "g", rule 1 ("bad name"): keep_firing_for: invalid field 'keep_firing_for' in recording rule"#,
                        #"group "g", rule 1 ("bad name"): record: invalid recording rule name: bad name"#]),
        Case(name: "label and annotation names are checked, __name__ is reserved",
             group: group(.init(alert: "A", expr: .string("up"), labels: ["__name__": "x", "0bad": "y", "ok": "z"],
                                annotations: ["bad-ann": "x"])),
             expected: [#"group "g", rule 1 ("A"): labels: invalid label name: 0bad"#,
                        #"group "g", rule 1 ("A"): labels: invalid label name: __name__"#,
                        #"group "g", rule 1 ("A"): annotations: invalid annotation name: bad-ann"#]),
        Case(name: "alert templates must close their actions; recording rule labels are literal",
             group: group(.init(alert: "A", expr: .string("up"), labels: ["l": "{{ $value"],
                                annotations: ["summary": "{{ $labels.job }} and {{ $labels.x "]),
                          .init(record: "r", expr: .string("up"), labels: ["l": "{{"])),
             expected: [#"group "g", rule 1 ("A"): labels.l: template: unclosed action"#,
                        #"group "g", rule 1 ("A"): annotations.summary: template: unclosed action"#]),
        Case(name: "durations must be Prometheus durations",
             group: PrometheusRule.RuleGroup(name: "g", interval: "1x", queryOffset: "-1m",
                                             rules: [.init(alert: "A", expr: .string("up"), for: "5 m", keepFiringFor: "")]),
             expected: [#"group "g": interval: not a valid duration string: "1x""#,
                        #"group "g": query_offset: not a valid duration string: "-1m""#,
                        #"group "g", rule 1 ("A"): for: not a valid duration string: "5 m""#,
                        #"group "g", rule 1 ("A"): keep_firing_for: empty duration string"#]),
        Case(name: "an integer expression is a valid scalar",
             group: group(.init(alert: "A", expr: .int(1)), .init(record: "r", expr: .string("vector(1)"), for: "0s")),
             expected: []),
    ]

    @Test(arguments: cases)
    func reports(_ testCase: Case) {
        #expect(PrometheusRuleValidator.issues(in: [testCase.group]).map(\.description) == testCase.expected)
    }

    @Test("group names must be present and unique; every problem of every group is collected")
    func groupNames() {
        let rule = PrometheusRule.Rule(alert: "A", expr: .string("up"))
        let groups = [PrometheusRule.RuleGroup(name: "g", rules: [rule]),
                      PrometheusRule.RuleGroup(name: "g", rules: [.init(alert: "B", expr: .string("up +"))]),
                      PrometheusRule.RuleGroup(name: "", rules: [])]
        let issues = PrometheusRuleValidator.issues(in: groups)
        #expect(issues.map(\.description) == [
            #"group "g": name: group name "g" is repeated in the same file"#,
            #"group "g", rule 1 ("B"): expr: 1:5: parse error: unexpected end of input"#,
            #"group "": name: group name must not be empty"#,
        ])
        #expect(issues.map(\.path) == ["spec.groups[1].name", "spec.groups[1].rules[0].expr", "spec.groups[2].name"])
        #expect(issues.map(\.reason) == [.duplicateGroupName, .invalidExpression, .emptyGroupName])
    }

    @Test("the template checker can be replaced")
    func injectedTemplateChecker() {
        let options = RuleValidationOptions(templateChecker: { $0.contains("nope") ? "function \"nope\" not defined" : nil })
        let group = Self.group(.init(alert: "A", expr: .string("up"), annotations: ["a": "{{ nope }}", "b": "{{ ok }}"]))
        #expect(PrometheusRuleValidator.issues(in: [group], options: options).map(\.description)
            == [#"group "g", rule 1 ("A"): annotations.a: template: function "nope" not defined"#])
    }

    @Test("validate throws one error listing every issue")
    func validateThrows() throws {
        let rule = PrometheusRule(metadata: .init(name: "x"), spec: .init(groups: [Self.group(.init(expr: .string("(")))]))
        let error = #expect(throws: RuleValidationError.self) { try PrometheusRuleValidator.validate(rule) }
        #expect(error?.issues.count == 2)
        try PrometheusRuleValidator.validate(PrometheusRule(metadata: .init(name: "y"), spec: .init()))
    }
}
