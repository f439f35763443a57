/// Generates Sloth-compatible SLO recording rules and multi-window multi-burn-rate alerts.
///
/// Pure and deterministic: definitions in, rule groups out, in input order. Series names and
/// labels are Sloth's (`slo:sli_error:ratio_rate5m`, `sloth_id`, …) in both styles, so
/// dashboards built for Sloth keep working.
///
/// ```swift
/// let definition = try SLOValidator.definition(of: serviceLevel)
/// let yaml = SLORuleGenerator.generate([definition]).yaml()
/// ```
public enum SLORuleGenerator {
    /// Rule groups for `definitions`, three (or two without alerts) per SLO, SLOs in order.
    public static func generate(_ definitions: [SLODefinition],
                                options: SLOGenerationOptions = .vigil) -> SLORuleFile {
        SLORuleFile(groups: definitions.flatMap { groups(for: $0, options: options) })
    }

    /// The groups of one SLO; groups without rules are left out.
    public static func groups(for definition: SLODefinition, options: SLOGenerationOptions) -> [SLORuleGroup] {
        let groups = [
            SLORuleGroup(name: "sloth-slo-sli-recordings-\(definition.id)",
                         rules: sliRules(definition, options: options)),
            SLORuleGroup(name: "sloth-slo-meta-recordings-\(definition.id)",
                         rules: metaRules(definition, options: options)),
            SLORuleGroup(name: "sloth-slo-alerts-\(definition.id)",
                         rules: alertRules(definition, options: options)),
        ]
        return groups.filter { !$0.rules.isEmpty }
    }

    private static func identityLabels(_ definition: SLODefinition) -> [String: String] {
        ["sloth_id": definition.id, "sloth_service": definition.service, "sloth_slo": definition.name]
    }

    /// Identity labels, then user labels, then extra labels: later ones win (Sloth's order).
    private static func ruleLabels(_ definition: SLODefinition, options: SLOGenerationOptions,
                                   window: SLOWindow? = nil) -> [String: String] {
        var labels = identityLabels(definition)
        if let window { labels["sloth_window"] = window.description }
        labels.merge(definition.labels) { $1 }
        labels.merge(options.extraLabels) { $1 }
        return labels
    }

    static func sliRules(_ definition: SLODefinition, options: SLOGenerationOptions) -> [SLORule] {
        let expressions = SLOExpressions(definition: definition, style: options.style)
        let windows = definition.period.alertWindows
        var rules = windows.sliWindows.map { window in
            SLORule(kind: .recording(SLOExpressions.sliName(window)), expr: expressions.sli(window: window),
                    labels: ruleLabels(definition, options: options, window: window))
        }
        let short = windows.pageQuick.short
        if options.style == .vigil, let errors = expressions.errorEvents(window: short),
           let total = expressions.totalEvents(window: short) {
            let labels = ruleLabels(definition, options: options, window: short)
            rules.append(SLORule(kind: .recording(SLOExpressions.errorEventsName(short)), expr: errors, labels: labels))
            rules.append(SLORule(kind: .recording(SLOExpressions.totalEventsName(short)), expr: total, labels: labels))
        }
        let period = definition.period.window
        rules.append(SLORule(kind: .recording(SLOExpressions.sliName(period)),
                             expr: expressions.periodSLI(shortWindow: short, period: period),
                             labels: ruleLabels(definition, options: options, window: period)))
        return rules
    }

    static func metaRules(_ definition: SLODefinition, options: SLOGenerationOptions) -> [SLORule] {
        let expressions = SLOExpressions(definition: definition, style: options.style)
        let labels = ruleLabels(definition, options: options)
        let short = definition.period.alertWindows.pageQuick.short
        let period = definition.period.window
        var infoLabels = labels
        infoLabels.merge([
            "sloth_version": options.generatorVersion,
            "sloth_mode": options.mode,
            "sloth_spec": definition.specVersion,
            "sloth_objective": SLONumberFormat.goF(definition.objective),
        ]) { $1 }
        func record(_ name: String, _ expr: String, _ labels: [String: String]) -> SLORule {
            SLORule(kind: .recording(name), expr: expr, labels: labels)
        }
        return [
            record("slo:objective:ratio", "vector(\(expressions.objectiveRatio))", labels),
            record("slo:error_budget:ratio", "vector(1-\(expressions.objectiveRatio))", labels),
            record("slo:time_period:days", "vector(\(SLONumberFormat.goG(period.hours / 24)))", labels),
            record("slo:current_burn_rate:ratio", expressions.burnRate(of: SLOExpressions.sliName(short)), labels),
            record("slo:period_burn_rate:ratio", expressions.burnRate(of: SLOExpressions.sliName(period)), labels),
            record("slo:period_error_budget_remaining:ratio",
                   "1 - slo:period_burn_rate:ratio\(expressions.filter)", labels),
            record("sloth_slo_info", "vector(1)", infoLabels),
        ]
    }

    static func alertRules(_ definition: SLODefinition, options: SLOGenerationOptions) -> [SLORule] {
        guard let name = definition.alertName else { return [] }
        let expressions = SLOExpressions(definition: definition, style: options.style)
        let windows = definition.period.alertWindows
        let period = definition.period.window
        let summary = "{{$labels.sloth_service}} {{$labels.sloth_slo}} "
            + "SLO error budget burn rate is over expected."
        func rule(_ alert: SLODefinition.Alert?, severity: String,
                  quick: SLOWindowPair, slow: SLOWindowPair) -> SLORule? {
            guard let alert else { return nil }
            let title = "(\(severity)) {{$labels.sloth_service}} {{$labels.sloth_slo}} "
                + "SLO error budget burn rate is too fast."
            return SLORule(kind: .alerting(name),
                           expr: expressions.alert(quick: quick, slow: slow, period: period),
                           labels: ["sloth_severity": severity].merging(alert.labels) { $1 },
                           annotations: ["title": title, "summary": summary].merging(alert.annotations) { $1 })
        }
        return [
            rule(definition.pageAlert, severity: "page", quick: windows.pageQuick, slow: windows.pageSlow),
            rule(definition.ticketAlert, severity: "ticket", quick: windows.ticketQuick, slow: windows.ticketSlow),
        ].compactMap { $0 }
    }
}
