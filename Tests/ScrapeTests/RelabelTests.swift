import Foundation
import TSDB
import Testing
@testable import Scrape

/// One relabel case: input labels, rules, expected output (nil = dropped).
struct RelabelCase: Sendable, CustomTestStringConvertible {
    let name: String
    let input: [String: String]
    let rules: [RelabelConfig]
    let expected: [String: String]?
    var testDescription: String { name }

    init(_ name: String, _ input: [String: String], _ rules: [RelabelConfig], _ expected: [String: String]?) {
        self.name = name
        self.input = input
        self.rules = rules
        self.expected = expected
    }
}

/// Builds a rule in test tables; the tables only hold valid rules.
private func rule(
    _ action: RelabelAction = .replace, source: [String] = [], separator: String = ";", regex: String = "(.*)",
    modulus: UInt64 = 0, target: String = "", replacement: String = "$1"
) -> RelabelConfig {
    do {
        return try RelabelConfig(action: action, sourceLabels: source, separator: separator, regex: regex,
                                 modulus: modulus, targetLabel: target, replacement: replacement)
    } catch {
        Issue.record("invalid rule in a test table: \(error)")
        return RelabelConfig.passThrough
    }
}

extension RelabelConfig {
    /// A rule that changes nothing, standing in for a table mistake already recorded.
    fileprivate static let passThrough: RelabelConfig = {
        do { return try RelabelConfig(action: .labelKeep, regex: ".*") } catch { preconditionFailure("\(error)") }
    }()
}

@Suite("Relabeling")
struct RelabelTests {
    static let actionCases: [RelabelCase] = [
        RelabelCase("replace copies a source label with the defaults",
                    ["a": "foo"], [rule(source: ["a"], target: "b")], ["a": "foo", "b": "foo"]),
        RelabelCase("replace joins sources with the separator",
                    ["a": "foo", "b": "bar"], [rule(source: ["a", "b"], target: "c")],
                    ["a": "foo", "b": "bar", "c": "foo;bar"]),
        RelabelCase("replace uses a custom separator and missing sources are empty",
                    ["a": "foo"], [rule(source: ["a", "missing", "a"], separator: "-", target: "c")],
                    ["a": "foo", "c": "foo--foo"]),
        RelabelCase("replace does nothing when the regex does not match",
                    ["a": "foo"], [rule(source: ["a"], regex: "bar", target: "b", replacement: "x")], ["a": "foo"]),
        RelabelCase("replace is anchored: a partial match is no match",
                    ["a": "foobar"], [rule(source: ["a"], regex: "foo", target: "b", replacement: "x")], ["a": "foobar"]),
        RelabelCase("replace is anchored around alternations",
                    ["a": "xbar"], [rule(source: ["a"], regex: "foo|bar", target: "b", replacement: "x")], ["a": "xbar"]),
        RelabelCase("replace with an empty result deletes the target label",
                    ["a": "", "b": "old"], [rule(source: ["a"], target: "b")], [:]),
        RelabelCase("replace expands groups in the target label",
                    ["a": "team_x"], [rule(source: ["a"], regex: "team_(.*)", target: "owner_$1", replacement: "yes")],
                    ["a": "team_x", "owner_x": "yes"]),
        RelabelCase("replace skips an expanded target that is not a label name",
                    ["a": "1bad"], [rule(source: ["a"], target: "${1}", replacement: "v")], ["a": "1bad"]),
        RelabelCase("replace without sources matches the empty string",
                    ["a": "x"], [rule(target: "env", replacement: "prod")], ["a": "x", "env": "prod"]),
        RelabelCase("keep keeps a matching set", ["job": "api"], [rule(.keep, source: ["job"], regex: "api|web")], ["job": "api"]),
        RelabelCase("keep drops a non-matching set", ["job": "db"], [rule(.keep, source: ["job"], regex: "api|web")], nil),
        RelabelCase("keep is anchored", ["job": "api2"], [rule(.keep, source: ["job"], regex: "api")], nil),
        RelabelCase("drop drops a matching set", ["job": "api"], [rule(.drop, source: ["job"], regex: "a.*")], nil),
        RelabelCase("drop keeps a non-matching set", ["job": "web"], [rule(.drop, source: ["job"], regex: "a.*")], ["job": "web"]),
        RelabelCase("drop on a missing label matches the empty string",
                    ["job": "web"], [rule(.drop, source: ["missing"], regex: "")], nil),
        RelabelCase("keepequal keeps when source equals target",
                    ["port": "8080", "want": "8080"], [rule(.keepEqual, source: ["port"], target: "want")],
                    ["port": "8080", "want": "8080"]),
        RelabelCase("keepequal drops when they differ",
                    ["port": "8080", "want": "9090"], [rule(.keepEqual, source: ["port"], target: "want")], nil),
        RelabelCase("dropequal drops when source equals target",
                    ["a": "x", "b": "x"], [rule(.dropEqual, source: ["a"], target: "b")], nil),
        RelabelCase("dropequal keeps when they differ",
                    ["a": "x", "b": "y"], [rule(.dropEqual, source: ["a"], target: "b")], ["a": "x", "b": "y"]),
        RelabelCase("labelmap copies matching names to the expanded replacement",
                    ["__meta_kubernetes_pod_label_app": "api", "__meta_other": "x"],
                    [rule(.labelMap, regex: "__meta_kubernetes_pod_label_(.+)")],
                    ["__meta_kubernetes_pod_label_app": "api", "__meta_other": "x", "app": "api"]),
        RelabelCase("labelmap with a fixed replacement overwrites",
                    ["a_1": "one", "b": "two"], [rule(.labelMap, regex: "a_(.*)", replacement: "b")],
                    ["a_1": "one", "b": "one"]),
        RelabelCase("labeldrop removes matching names",
                    ["a": "1", "ab": "2", "b": "3"], [rule(.labelDrop, regex: "a.*")], ["b": "3"]),
        RelabelCase("labeldrop is anchored",
                    ["xa": "1", "a": "2"], [rule(.labelDrop, regex: "a")], ["xa": "1"]),
        RelabelCase("labelkeep removes non-matching names",
                    ["__name__": "up", "a": "1", "b": "2"], [rule(.labelKeep, regex: "__name__|a")],
                    ["__name__": "up", "a": "1"]),
        RelabelCase("lowercase writes the lower-cased source",
                    ["a": "Hello-World"], [rule(.lowercase, source: ["a"], target: "l")], ["a": "Hello-World", "l": "hello-world"]),
        RelabelCase("uppercase writes the upper-cased source",
                    ["a": "Hello-World"], [rule(.uppercase, source: ["a"], target: "u")], ["a": "Hello-World", "u": "HELLO-WORLD"]),
        RelabelCase("rules apply in order and a later rule sees an earlier result",
                    ["a": "foo"],
                    [rule(source: ["a"], target: "b", replacement: "bar"), rule(.keep, source: ["b"], regex: "bar")],
                    ["a": "foo", "b": "bar"]),
        RelabelCase("a drop stops the remaining rules", ["a": "foo"],
                    [rule(.drop, source: ["a"], regex: "foo"), rule(target: "b", replacement: "x")], nil),
        RelabelCase("no rules return the input", ["a": "foo"], [], ["a": "foo"]),
    ]

    @Test("each action behaves as in Prometheus 2.42", arguments: actionCases)
    func actions(_ testCase: RelabelCase) {
        let result = relabel(TSDB.Labels(testCase.input), rules: testCase.rules)
        #expect(result == testCase.expected.map { TSDB.Labels($0) })
    }

    /// `$`-expansion follows Go's `regexp.Expand`. The first two rows were checked against
    /// Prometheus 2.42 (see `hashModMatchesPrometheus`): `$1x` names a group `1x` (empty).
    static let expansionCases: [(String, String, String, String)] = [
        // (regex, value, replacement, expected)
        ("([a-z]+)([0-9]+)", "abc123", "$1x-${2}-$$-$3-${10}-$0", "-123-$---abc123"),
        ("(?P<letters>[a-z]+)(?P<digits>[0-9]+)", "abc123", "${digits}$letters.$letters_", "123abc."),
        ("(a)(b)?", "a", "[$1][$2]", "[a][]"),
        ("(.*)", "x", "$", "$"),
        ("(.*)", "x", "${1", "${1"),
        ("(.*)", "x", "${}", "${}"),
        ("(.*)", "x", "$-$1", "$-x"),
        ("(.*)", "x", "$01", ""),
        ("(.*)", "x", "${1}0", "x0"),
        ("(.*)", "x", "$10", ""),
        ("(.*)", "x", "no refs", "no refs"),
        ("(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)", "abcdefghij", "$10$1", "ja"),
        ("(.*)", "é", "$1é", ""),
        ("(.*)", "é", "${1}é", "éé"),
    ]

    @Test("replacement expansion follows Go's regexp.Expand", arguments: expansionCases)
    func expansion(regex: String, value: String, replacement: String, expected: String) throws {
        let config = try RelabelConfig(sourceLabels: ["v"], regex: regex, targetLabel: "out", replacement: replacement)
        let result = relabel(TSDB.Labels(["v": value]), rules: [config])
        #expect(result?["out"] == (expected.isEmpty ? nil : expected))
    }

    /// Oracle: Prometheus 2.42.0 (Debian 2.42.0+ds-5+deb12u1) run as
    /// `prometheus --config.file=prom.yml --storage.tsdb.path=/tmp/promoracle/data
    ///  --web.listen-address=127.0.0.1:19093` with a static target `127.0.0.1:9` (labels
    /// foo="a", bar="b") and a second target `example.com:8080` (bar="checkout-7f9c"),
    /// and relabel_configs of `action: hashmod` into shard_a..shard_d; values read from
    /// `curl -s http://127.0.0.1:19093/api/v1/targets` (`.data.activeTargets[].labels`).
    @Test("hashmod gives the values real Prometheus 2.42 computes", arguments: [
        ("127.0.0.1:9", UInt64(10), UInt64(2)),
        ("a;b", 1000, 74),
        ("b", 4_294_967_296, 1_966_167_951),
        ("b", 18_446_744_073_709_551_615, 4_239_888_873_585_465_231),
        ("example.com:8080", 10, 0),
        (";checkout-7f9c", 1000, 961),
        ("checkout-7f9c", 4_294_967_296, 212_761_458),
        ("checkout-7f9c", 18_446_744_073_709_551_615, 7_796_227_354_626_259_826),
    ])
    func hashModMatchesPrometheus(value: String, modulus: UInt64, expected: UInt64) {
        #expect(LabelBuilder.hashMod(value, modulus: modulus) == expected)
    }

    @Test("hashmod through relabel writes the shard as a decimal label")
    func hashModRule() throws {
        let config = try RelabelConfig(action: .hashMod, sourceLabels: ["foo", "bar"], modulus: 1000, targetLabel: "shard")
        let result = relabel(TSDB.Labels(["foo": "a", "bar": "b"]), rules: [config])
        #expect(result?["shard"] == "74")
    }

    @Test("an empty replacement with a templated target leaves other labels alone, as 2.42 does")
    func emptyReplacementTemplatedTarget() throws {
        // Prometheus 2.42 deletes the unexpanded `${1}` (no such label), not `x`.
        let config = try RelabelConfig(sourceLabels: ["kill"], targetLabel: "${1}", replacement: "")
        let result = relabel(TSDB.Labels(["kill": "x", "x": "victim"]), rules: [config])
        #expect(result == TSDB.Labels(["kill": "x", "x": "victim"]))
    }

    @Test("regexes use RE2-like semantics: whole string, no trailing-newline match, ASCII classes")
    func regexSemantics() throws {
        let anchored = try RelabelRegex("a")
        #expect(anchored.matches("a"))
        #expect(!anchored.matches("a\n"))
        #expect(!anchored.matches("ba"))
        let digits = try RelabelRegex(#"\d+"#)
        #expect(digits.matches("123"))
        #expect(!digits.matches("١٢٣"))
        let caseInsensitive = try RelabelRegex("(?i)api")
        #expect(caseInsensitive.matches("API"))
        #expect(RelabelRegex.matchAll.matches(""))
        let words = try RelabelRegex("api|web|")
        #expect(words.matches("web"))
        #expect(words.matches(""))
        #expect(!words.matches("api|web"))
        #expect(!words.matches("ap"))
    }
}
