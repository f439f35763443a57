/// Validates ServiceLevel and PrometheusServiceLevel objects and turns them into
/// `SLODefinition`s. Reports every problem at once, each with a field path and a reason.
///
/// The rules are Sloth's (slo-rules.md §1) so Sloth specs keep working, plus Vigil's own for
/// `ServiceLevel`: objective strictly below 100 and no user label keys starting with
/// `sloth_` (they would silently override the identity labels the rules select on).
public enum SLOValidator {
    /// The definition of one ServiceLevel, or every problem it has.
    public static func definition(of serviceLevel: ServiceLevel,
                                  options: SLOGenerationOptions = .vigil) throws(SLOValidationError) -> SLODefinition {
        var issues = SLOIssueCollector(options: options)
        let spec = serviceLevel.spec
        if serviceLevel.apiVersion != ServiceLevel.apiVersion || serviceLevel.kind != ServiceLevel.kind {
            issues.add("apiVersion", .wrongKind,
                       "expected \(ServiceLevel.apiVersion) \(ServiceLevel.kind), "
                        + "got \(serviceLevel.apiVersion) \(serviceLevel.kind)")
        }
        let name = spec.name ?? serviceLevel.metadata.name
        issues.checkIdentity(service: spec.service, servicePath: "spec.service",
                             name: name, namePath: spec.name == nil ? "metadata.name" : "spec.name")
        if !(spec.objective > 0 && spec.objective < 100) {
            issues.add("spec.objective", .objectiveOutOfRange,
                       "objective must be greater than 0 and less than 100 (percent), "
                        + "got \(SLONumberFormat.goF(spec.objective)); 100 leaves no error budget")
        }
        var period = SLOPeriod.thirtyDays
        if let text = spec.timeWindow {
            if let window = SLOWindow(parsing: text), let known = SLOPeriod(window: window) {
                period = known
            } else {
                issues.add("spec.timeWindow", .unsupportedTimeWindow,
                           "timeWindow must be one of 30d, 28d, 7d, got \"\(text)\"")
            }
        }
        issues.checkLabels(spec.labels, path: "spec.labels", reserveSlothPrefix: true)
        let indicator = issues.checkIndicator(spec.sli, path: "spec.sli")
        let alerts = issues.checkAlerting(spec.alerting, path: "spec.alerting")
        guard issues.found.isEmpty, let indicator else { throw SLOValidationError(issues: issues.found) }
        return SLODefinition(service: spec.service, name: name, objective: spec.objective, period: period,
                             indicator: indicator, labels: spec.labels ?? [:], alertName: alerts.name,
                             pageAlert: alerts.page, ticketAlert: alerts.ticket,
                             specVersion: ServiceLevel.apiVersion)
    }

    /// The definitions of every SLO of a PrometheusServiceLevel, or every problem it has.
    public static func definitions(of serviceLevel: PrometheusServiceLevel,
                                   options: SLOGenerationOptions = .slothCompatible)
        throws(SLOValidationError) -> [SLODefinition] {
        var issues = SLOIssueCollector(options: options)
        let spec = serviceLevel.spec
        // Sloth accepts `sloth_` label keys; Vigil's style rejects them. Objective 100 stays
        // accepted in both styles (the vigil rules guard the division by a zero budget).
        let strict = options.style == .vigil
        if serviceLevel.apiVersion != PrometheusServiceLevel.apiVersion
            || serviceLevel.kind != PrometheusServiceLevel.kind {
            issues.add("apiVersion", .wrongKind,
                       "expected \(PrometheusServiceLevel.apiVersion) \(PrometheusServiceLevel.kind), "
                        + "got \(serviceLevel.apiVersion) \(serviceLevel.kind)")
        }
        if spec.sloPlugins != nil {
            issues.add("spec.sloPlugins", .unsupportedField, "Sloth plugins are not supported")
        }
        issues.checkLabels(spec.labels, path: "spec.labels", reserveSlothPrefix: strict)
        if spec.slos.isEmpty { issues.add("spec.slos", .missingField, "at least one SLO is required") }
        var seenIDs: Set<String> = []
        var definitions: [SLODefinition] = []
        for (index, slo) in spec.slos.enumerated() {
            let path = "spec.slos[\(index)]"
            issues.checkIdentity(service: spec.service, servicePath: "spec.service",
                                 name: slo.name, namePath: "\(path).name", checkService: index == 0)
            let id = "\(spec.service)-\(slo.name)"
            if !seenIDs.insert(id).inserted {
                issues.add("\(path).name", .duplicateID, "SLO id \"\(id)\" is used by an earlier SLO")
            }
            if !(slo.objective > 0 && slo.objective <= 100) {
                issues.add("\(path).objective", .objectiveOutOfRange,
                           "objective must be greater than 0 and at most 100 (percent), "
                            + "got \(SLONumberFormat.goF(slo.objective))")
            }
            if slo.plugins != nil {
                issues.add("\(path).plugins", .unsupportedField, "Sloth plugins are not supported")
            }
            issues.checkLabels(slo.labels, path: "\(path).labels", reserveSlothPrefix: strict)
            let indicator = issues.checkIndicator(slo.sli, path: "\(path).sli")
            let alerts = issues.checkAlerting(slo.alerting, path: "\(path).alerting")
            guard let indicator else { continue }
            definitions.append(SLODefinition(
                service: spec.service, name: slo.name, objective: slo.objective, period: options.defaultPeriod,
                indicator: indicator, labels: (spec.labels ?? [:]).merging(slo.labels ?? [:]) { $1 },
                alertName: alerts.name, pageAlert: alerts.page, ticketAlert: alerts.ticket,
                specVersion: PrometheusServiceLevel.apiVersion))
        }
        guard issues.found.isEmpty else { throw SLOValidationError(issues: issues.found) }
        return definitions
    }
}
