import Monitoring
import Testing

@Suite("LabelSelector(parsing:)")
struct LabelSelectorParsingTests {
    typealias Requirement = LabelSelector.Requirement

    static let valid: [(String, LabelSelector)] = [
        ("", LabelSelector()),
        ("   ", LabelSelector()),
        ("team=ml", LabelSelector(matchLabels: ["team": "ml"])),
        ("team==ml", LabelSelector(matchLabels: ["team": "ml"])),
        ("team = ml , tier=web", LabelSelector(matchLabels: ["team": "ml", "tier": "web"])),
        ("team=", LabelSelector(matchLabels: ["team": ""])),
        ("team=ml-ops,tier!=batch",
         LabelSelector(matchLabels: ["team": "ml-ops"], matchExpressions: [Requirement(key: "tier", operator: .notIn, values: ["batch"])])),
        ("env in (a,b)", LabelSelector(matchExpressions: [Requirement(key: "env", operator: .in, values: ["a", "b"])])),
        ("env in( a , b )", LabelSelector(matchExpressions: [Requirement(key: "env", operator: .in, values: ["a", "b"])])),
        ("env notin (c)", LabelSelector(matchExpressions: [Requirement(key: "env", operator: .notIn, values: ["c"])])),
        ("key", LabelSelector(matchExpressions: [Requirement(key: "key", operator: .exists)])),
        ("!key", LabelSelector(matchExpressions: [Requirement(key: "key", operator: .doesNotExist)])),
        ("app.kubernetes.io/name=vigil,!legacy",
         LabelSelector(matchLabels: ["app.kubernetes.io/name": "vigil"], matchExpressions: [Requirement(key: "legacy", operator: .doesNotExist)])),
        ("a=1,a=2", LabelSelector(matchLabels: ["a": "1"], matchExpressions: [Requirement(key: "a", operator: .in, values: ["2"])])),
    ]

    @Test("parses kubectl selector syntax", arguments: valid)
    func parses(text: String, expected: LabelSelector) throws {
        #expect(try LabelSelector(parsing: text) == expected)
    }

    static let invalid: [(String, Int, String)] = [
        ("tier!batch", 5, "expected '!='"),
        ("team=ml,", 9, "expected a requirement after ','"),
        (",team=ml", 1, "expected a label key"),
        ("env in a,b", 8, "expected '(' after 'in'"),
        ("env in ()", 9, "'in' needs at least one value"),
        ("env notin (a", 13, "missing ')'"),
        ("env in (a b)", 11, "expected ',' or ')'"),
        ("env within (a)", 5, "expected one of '=', '==', '!=', 'in', 'notin'"),
        ("team=ml x", 9, "expected ',' or the end"),
        ("-team=ml", 1, "label key '-team'"),
        ("Example.com/team=ml", 1, "prefix 'Example.com'"),
        ("team=ml/ops", 6, "label value 'ml/ops'"),
        ("!", 2, "expected a label key"),
        ("a=b=c", 4, "expected ',' or the end, found '='"),
    ]

    @Test("rejects bad selectors with the column of the problem", arguments: invalid)
    func rejects(text: String, column: Int, message: String) {
        #expect {
            _ = try LabelSelector(parsing: text)
        } throws: { error in
            guard let error = error as? LabelSelectorParseError else { return false }
            return error.column == column && error.message.contains(message)
        }
    }

    @Test("the Kubernetes string form parses back to the same selector", arguments: valid.map(\.1))
    func roundTrips(selector: LabelSelector) throws {
        let reparsed = try LabelSelector(parsing: selector.kubernetesString)
        #expect(reparsed.matchLabels == selector.matchLabels)
        #expect(Set((reparsed.matchExpressions ?? []).map(\.key)) == Set((selector.matchExpressions ?? []).map(\.key)))
    }

    @Test("a parsed selector matches like the Kubernetes one")
    func parsedSelectorMatches() throws {
        let selector = try LabelSelector(parsing: "team=ml,tier!=batch,env in (prod,staging),!legacy")
        #expect(selector.matches(["team": "ml", "env": "prod"]))
        #expect(selector.matches(["team": "ml", "env": "staging", "tier": "web"]))
        #expect(!selector.matches(["team": "ml", "env": "prod", "tier": "batch"]))
        #expect(!selector.matches(["team": "ml", "env": "dev"]))
        #expect(!selector.matches(["team": "ml", "env": "prod", "legacy": "true"]))
    }
}
