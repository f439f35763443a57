import Testing
@testable import Monitoring

@Suite("ServiceLevel and PrometheusServiceLevel validation")
struct SLOValidationTests {
    static func serviceLevel(_ edit: (inout ServiceLevel.Spec) -> Void = { _ in }) -> ServiceLevel {
        var spec = ServiceLevel.Spec(
            service: "checkout", objective: 99.9,
            sli: SLOIndicatorSpec(events: .init(errorQuery: "sum(rate(e[{{.window}}]))",
                                                totalQuery: "sum(rate(t[{{.window}}]))")),
            alerting: SLOAlertingSpec(name: "CheckoutBurn"))
        edit(&spec)
        return ServiceLevel(metadata: SLOObjectMeta(name: "availability", namespace: "shop"), spec: spec)
    }

    static func issues(_ object: ServiceLevel, options: SLOGenerationOptions = .vigil) -> [SLOValidationIssue] {
        do {
            _ = try SLOValidator.definition(of: object, options: options)
            return []
        } catch {
            return error.issues
        }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let edit: @Sendable (inout ServiceLevel.Spec) -> Void
        let path: String
        let reason: SLOValidationIssue.Reason
        var testDescription: String { name }
    }

    @Test("each problem is reported with its field path and reason", arguments: [
        Case(name: "objective 100 leaves no budget", edit: { $0.objective = 100 },
             path: "spec.objective", reason: .objectiveOutOfRange),
        Case(name: "objective 0", edit: { $0.objective = 0 }, path: "spec.objective", reason: .objectiveOutOfRange),
        Case(name: "objective above 100", edit: { $0.objective = 100.5 }, path: "spec.objective", reason: .objectiveOutOfRange),
        Case(name: "objective NaN", edit: { $0.objective = .nan }, path: "spec.objective", reason: .objectiveOutOfRange),
        Case(name: "negative objective", edit: { $0.objective = -1 }, path: "spec.objective", reason: .objectiveOutOfRange),
        Case(name: "unknown time window", edit: { $0.timeWindow = "14d" },
             path: "spec.timeWindow", reason: .unsupportedTimeWindow),
        Case(name: "malformed time window", edit: { $0.timeWindow = "a month" },
             path: "spec.timeWindow", reason: .unsupportedTimeWindow),
        Case(name: "service with a leading dash", edit: { $0.service = "-checkout" },
             path: "spec.service", reason: .invalidName),
        Case(name: "one-character service", edit: { $0.service = "c" }, path: "spec.service", reason: .invalidName),
        Case(name: "empty service", edit: { $0.service = "" }, path: "spec.service", reason: .missingField),
        Case(name: "SLO name with a space", edit: { $0.name = "avail ability" }, path: "spec.name", reason: .invalidName),
        Case(name: "SLO name too long", edit: { $0.name = String(repeating: "a", count: 129) },
             path: "spec.name", reason: .nameTooLong),
        Case(name: "no SLI", edit: { $0.sli = SLOIndicatorSpec() }, path: "spec.sli", reason: .missingSLI),
        Case(name: "events and raw", edit: { $0.sli.raw = .init(errorRatioQuery: "x[{{.window}}]") },
             path: "spec.sli", reason: .conflictingSLI),
        Case(name: "error query without placeholder", edit: { $0.sli.events?.errorQuery = "sum(rate(e[5m]))" },
             path: "spec.sli.events.errorQuery", reason: .missingWindowPlaceholder),
        Case(name: "other template action", edit: { $0.sli.events?.totalQuery = "sum(rate(t[{{.window}}])) * {{.scale}}" },
             path: "spec.sli.events.totalQuery", reason: .unsupportedTemplate),
        Case(name: "identical queries", edit: { $0.sli.events?.totalQuery = "sum(rate(e[{{.window}}]))" },
             path: "spec.sli.events.totalQuery", reason: .identicalQueries),
        Case(name: "empty raw query", edit: { $0.sli = SLOIndicatorSpec(raw: .init(errorRatioQuery: " ")) },
             path: "spec.sli.raw.errorRatioQuery", reason: .missingField),
        Case(name: "alerts without a name", edit: { $0.alerting?.name = nil },
             path: "spec.alerting.name", reason: .missingAlertName),
        Case(name: "invalid label name", edit: { $0.labels = ["team-name": "x"] },
             path: "spec.labels[team-name]", reason: .invalidLabelName),
        Case(name: "__name__ label", edit: { $0.labels = ["__name__": "x"] },
             path: "spec.labels[__name__]", reason: .invalidLabelName),
        Case(name: "sloth_ label would override identity labels", edit: { $0.labels = ["sloth_window": "x"] },
             path: "spec.labels[sloth_window]", reason: .reservedLabelName),
        Case(name: "empty label value", edit: { $0.labels = ["team": ""] },
             path: "spec.labels[team]", reason: .emptyLabelValue),
        Case(name: "empty alert annotation", edit: { $0.alerting?.pageAlert = .init(annotations: ["runbook": ""]) },
             path: "spec.alerting.pageAlert.annotations[runbook]", reason: .emptyAnnotationValue),
        Case(name: "invalid alert label", edit: { $0.alerting?.labels = ["1x": "y"] },
             path: "spec.alerting.labels[1x]", reason: .invalidLabelName),
    ])
    func singleProblem(_ c: Case) {
        let found = Self.issues(Self.serviceLevel(c.edit))
        #expect(found.map(\.path) == [c.path])
        #expect(found.map(\.reason) == [c.reason])
    }

    @Test("a valid ServiceLevel becomes a definition with defaults filled in")
    func valid() throws {
        let definition = try SLOValidator.definition(of: Self.serviceLevel())
        #expect(definition.id == "checkout-availability")
        #expect(definition.period == .thirtyDays)
        #expect(definition.pageAlert != nil && definition.ticketAlert != nil)
    }

    @Test("time windows 28d, 4w and 7d are accepted", arguments: [("28d", SLOPeriod.twentyEightDays),
                                                                  ("4w", .twentyEightDays), ("7d", .sevenDays), ("720h", .thirtyDays)])
    func timeWindows(_ text: String, _ period: SLOPeriod) throws {
        #expect(try SLOValidator.definition(of: Self.serviceLevel { $0.timeWindow = text }).period == period)
    }

    @Test("both alerts disabled need no alert name and produce no alert group")
    func alertsDisabled() throws {
        let object = Self.serviceLevel {
            $0.alerting = SLOAlertingSpec(pageAlert: .init(disable: true), ticketAlert: .init(disable: true))
        }
        let definition = try SLOValidator.definition(of: object)
        #expect(SLORuleGenerator.groups(for: definition, options: .vigil).map(\.name)
            == ["sloth-slo-sli-recordings-checkout-availability", "sloth-slo-meta-recordings-checkout-availability"])
    }

    @Test("all problems are reported at once, in field order")
    func allProblems() {
        let found = Self.issues(Self.serviceLevel {
            $0.service = "x"
            $0.objective = 100
            $0.timeWindow = "90d"
            $0.sli.events?.errorQuery = "e"
            $0.alerting?.name = ""
        })
        #expect(found.map(\.path) == ["spec.service", "spec.objective", "spec.timeWindow",
                                      "spec.sli.events.errorQuery", "spec.alerting.name"])
    }

    @Test("the caller's PromQL checker rejects a query, with the window substituted")
    func expressionChecker() {
        let options = SLOGenerationOptions(expressionChecker: { query in
            query.contains("[1m]") && query.hasPrefix("sum(rate(e") ? "1:5: parse error: demo" : nil
        })
        let found = Self.issues(Self.serviceLevel(), options: options)
        #expect(found == [SLOValidationIssue(path: "spec.sli.events.errorQuery", reason: .invalidQuery,
                                             message: "1:5: parse error: demo")])
    }

    static func prometheusServiceLevel(objective: Double = 99, labels: [String: String]? = nil,
                                       names: [String] = ["a1", "b2"]) -> PrometheusServiceLevel {
        PrometheusServiceLevel(metadata: SLOObjectMeta(name: "svc"), spec: .init(
            service: "svc", labels: labels,
            slos: names.map { name in
                .init(name: name, objective: objective,
                      sli: SLOIndicatorSpec(raw: .init(errorRatioQuery: "r[{{.window}}]")),
                      alerting: SLOAlertingSpec(name: "Burn"))
            }))
    }

    @Test("Sloth input keeps Sloth's rules: objective 100 and sloth_ labels are accepted in compatible style")
    func slothAcceptsWhatSlothAccepts() throws {
        let object = Self.prometheusServiceLevel(objective: 100, labels: ["sloth_extra": "x"])
        #expect(try SLOValidator.definitions(of: object, options: .slothCompatible).count == 2)
        // Vigil's style still accepts objective 100 (guarding the division) but not sloth_ keys.
        #expect(throws: SLOValidationError.self) { try SLOValidator.definitions(of: object, options: .vigil) }
    }

    @Test("duplicate SLO ids and plugins in Sloth input are reported with list indexes")
    func slothListProblems() {
        var object = Self.prometheusServiceLevel(names: ["a1", "a1"])
        object.spec.slos[1].objective = 0
        object.spec.sloPlugins = SLOIgnoredValue()
        do {
            _ = try SLOValidator.definitions(of: object)
            Issue.record("expected validation to fail")
        } catch {
            #expect(error.issues.map(\.path) == ["spec.sloPlugins", "spec.slos[1].name", "spec.slos[1].objective"])
            #expect(error.issues.map(\.reason) == [.unsupportedField, .duplicateID, .objectiveOutOfRange])
        }
    }
}
