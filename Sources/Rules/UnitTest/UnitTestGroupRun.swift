import PromQL
import TSDB

/// One `tests:` entry of a unit-test file: loads its series, evaluates the rules step by
/// step and checks the expectations, collecting promtool-formatted failures.
struct UnitTestGroupRun {
    let test: UnitTestFile.TestGroup
    let evaluationInterval: Milliseconds
    let groupDefinitions: [RuleGroupDefinition]
    let storage = TimeSeriesStore()
    let engine: Engine

    init(test: UnitTestFile.TestGroup, evaluationInterval: Milliseconds, groups: [RuleGroupDefinition]) {
        self.test = test
        self.evaluationInterval = evaluationInterval
        self.groupDefinitions = groups
        var options = Engine.Options.testing
        options.defaultSubqueryStep = evaluationInterval
        engine = Engine(options: options)
    }

    private var testNamePrefix: String { test.name.map { "    name: \($0),\n" } ?? "" }

    mutating func run() -> [String] {
        let seriesInterval: Milliseconds
        do {
            // promtool 2.42 does not default this: without `interval` every value lands at 0.
            seriesInterval = try test.interval.map { try PromDuration.parse($0) } ?? 0
        } catch {
            return ["not a valid duration string: \"\(test.interval ?? "")\""]
        }
        if let failure = loadSeries(interval: seriesInterval) { return [failure] }
        var groups: [RuleGroup] = []
        for definition in groupDefinitions {
            do {
                groups.append(try RuleGroup(definition, defaultInterval: evaluationInterval, restored: true))
            } catch {
                return [error.description]
            }
        }
        // Alert expectations by evaluation time.
        var alertTests: [Milliseconds: [UnitTestFile.AlertTestCase]] = [:]
        var maxTime: Milliseconds = 0
        for alertTest in test.alertRuleTests ?? [] {
            let time: Milliseconds
            do { time = try Self.duration(alertTest.evalTime) } catch { return [error.message] }
            guard let name = alertTest.alertname, !name.isEmpty else {
                let group = test.name.map { " (in TestGroup \($0))" } ?? ""
                return ["an item under alert_rule_test misses required attribute alertname at eval_time "
                    + "\(PromDuration.format(time))\(group)"]
            }
            alertTests[time, default: []].append(alertTest)
            maxTime = max(maxTime, time)
        }
        for exprTest in test.promqlExprTests ?? [] {
            do { maxTime = max(maxTime, try Self.duration(exprTest.evalTime)) } catch { return [error.message] }
        }
        let alertTimes = alertTests.keys.sorted()
        var next = 0
        var errors: [String] = []
        let options = RuleGroup.Options(externalLabels: Labels(test.externalLabels ?? [:]),
                                        externalURL: test.externalURL ?? "")
        var t: Milliseconds = 0
        while t <= maxTime {
            var evaluationErrors: [String] = []
            for index in groups.indices {
                groups[index].evaluate(at: t, engine: engine, storage: storage, options: options)
                for slot in groups[index].slots {
                    if let error = slot.health.lastError {
                        evaluationErrors.append("    rule: \(slot.definition.name), time: "
                            + "\(GoText.duration(milliseconds: t)), err: \(error)")
                    }
                }
            }
            errors += evaluationErrors
            if !evaluationErrors.isEmpty { return errors }
            while next < alertTimes.count, t <= alertTimes[next], alertTimes[next] < t + evaluationInterval {
                errors += checkAlerts(alertTests[alertTimes[next]] ?? [], groups: groups)
                next += 1
            }
            t += evaluationInterval
        }
        for exprTest in test.promqlExprTests ?? [] {
            if let failure = checkExpression(exprTest) { errors.append(failure) }
        }
        return errors
    }

    private struct DurationError: Error { var message: String }

    private static func duration(_ text: String?) throws(DurationError) -> Milliseconds {
        guard let text, !text.isEmpty else { return 0 }
        do {
            return try PromDuration.parse(text)
        } catch {
            throw DurationError(message: "not a valid duration string: \"\(text)\"")
        }
    }

    /// Appends the input series, one value per `interval` from time 0 (promtool's `load`).
    private func loadSeries(interval: Milliseconds) -> String? {
        var appender = storage.appender()
        for input in test.inputSeries ?? [] {
            let series: SeriesDescription
            do {
                series = try SeriesDescription(parsing: input.series + " " + input.values)
            } catch {
                return error.description
            }
            for (step, value) in series.values.enumerated() {
                guard let value else { continue }
                do {
                    try appender.append(series.labels, t: Milliseconds(step) * interval, v: value)
                } catch {
                    return "\(error)"
                }
            }
        }
        appender.commit()
        return nil
    }

    private typealias LabelledAlert = (labels: [(String, String)], annotations: [(String, String)])

    private func checkAlerts(_ cases: [UnitTestFile.AlertTestCase], groups: [RuleGroup]) -> [String] {
        var errors: [String] = []
        for testCase in cases {
            let name = testCase.alertname ?? ""
            var got: [LabelledAlert] = []
            for group in groups {
                for slot in group.slots {
                    guard case .alerting(let rule) = slot.rule, rule.name == name else { continue }
                    for alert in rule.tracker.activeAlerts where alert.state == .firing {
                        got.append((alert.labels.pairs.map { ($0.name, $0.value) },
                                    alert.annotations.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
                    }
                }
            }
            var expected: [LabelledAlert] = []
            for alert in testCase.expAlerts ?? [] {
                var labels = alert.expLabels ?? [:]
                labels["alertname"] = name
                expected.append((labels.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                                 (alert.expAnnotations ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
            }
            got.sort(by: Self.alertOrder)
            expected.sort(by: Self.alertOrder)
            if !Self.same(got, expected) {
                // Every eval_time was validated in `run()` before evaluation began.
                let time = PromDuration.format((try? Self.duration(testCase.evalTime)) ?? 0)
                errors.append("\(testNamePrefix)    alertname: \(name), time: \(time), \n"
                    + "        exp:\(GoText.indent(Self.describe(expected), "            ")), \n"
                    + "        got:\(GoText.indent(Self.describe(got), "            "))")
            }
        }
        return errors
    }

    private static func key(_ pairs: [(String, String)]) -> [String] { pairs.flatMap { [$0.0, $0.1] } }

    private static func alertOrder(_ lhs: LabelledAlert, _ rhs: LabelledAlert) -> Bool {
        let (a, b) = (Labels(lhs.labels.map { Label(name: $0.0, value: $0.1) }),
                      Labels(rhs.labels.map { Label(name: $0.0, value: $0.1) }))
        if a != b { return a < b }
        return key(lhs.annotations).lexicographicallyPrecedes(key(rhs.annotations))
    }

    private static func same(_ lhs: [LabelledAlert], _ rhs: [LabelledAlert]) -> Bool {
        lhs.count == rhs.count && zip(lhs, rhs).allSatisfy {
            key($0.labels) == key($1.labels) && key($0.annotations) == key($1.annotations)
        }
    }

    /// promtool's `labelsAndAnnotations.String()`.
    private static func describe(_ alerts: [LabelledAlert]) -> String {
        guard !alerts.isEmpty else { return "[]" }
        var text = "["
        for (index, alert) in alerts.enumerated() {
            text += (index == 0 ? "\n" : ",\n") + "\(index):"
            let body = "\nLabels:" + GoText.labels(alert.labels) + "\nAnnotations:" + GoText.labels(alert.annotations)
            text += GoText.indent(body, "  ")
        }
        return text + "\n]"
    }

    private func checkExpression(_ testCase: UnitTestFile.PromQLTestCase) -> String? {
        // Every eval_time was validated in `run()` before evaluation began.
        let time = (try? Self.duration(testCase.evalTime)) ?? 0
        let timeText = PromDuration.format(time)
        let header = "    expr: \(GoPrintf.quote(testCase.expr)), time: \(timeText)"
        var got: [(Labels, Double)]
        let expression: Expr
        do {
            expression = try Parser.parse(testCase.expr)
        } catch {
            return "\(header), err: \(error.description)"
        }
        do {
            got = try RuleQuery(engine: engine, storage: storage).vector(expression, at: time).map { ($0.labels, $0.value) }
        } catch {
            return "\(header), err: \(error.message)"
        }
        var expected: [(Labels, Double)] = []
        for sample in testCase.expSamples ?? [] {
            let parsed: SeriesDescription
            do {
                parsed = try SeriesDescription(parsing: sample.labels)
            } catch {
                // promtool reports the PromQL parser's message for a malformed metric.
                var message = error.description
                do { _ = try Parser.parse(sample.labels) } catch { message = error.description }
                return "\(header), err: labels \(GoPrintf.quote(sample.labels)): \(message)"
            }
            guard parsed.values.isEmpty else {
                return "\(header), err: labels \(GoPrintf.quote(sample.labels)): unexpected values"
            }
            expected.append((parsed.labels, sample.value))
        }
        got.sort { $0.0 < $1.0 }
        expected.sort { $0.0 < $1.0 }
        let same = got.count == expected.count && zip(got, expected).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        guard !same else { return nil }
        return "\(header),\n        exp: \(Self.describe(expected))\n        got: \(Self.describe(got))"
    }

    private static func describe(_ samples: [(Labels, Double)]) -> String {
        guard !samples.isEmpty else { return "nil" }
        return samples.map { GoText.labels($0.0) + " " + GoText.exponent($0.1) }.joined(separator: ", ")
    }
}
