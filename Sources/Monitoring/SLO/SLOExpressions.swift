import Foundation

/// Builds the PromQL text of SLO rules in Sloth's exact layout (slo-rules.md §3–§5).
///
/// These are string templates on purpose: byte compatibility with Sloth is the contract, and
/// the user's SLI queries are spliced in verbatim (Sloth does not reformat them either).
/// Tests parse every result with promtool.
struct SLOExpressions {
    let definition: SLODefinition
    let style: SLOGenerationOptions.Style

    /// `{sloth_id="…", sloth_service="…", sloth_slo="…"}`: keys sorted, comma + space.
    var filter: String {
        let id = Self.escape(definition.id), service = Self.escape(definition.service)
        return "{sloth_id=\"\(id)\", sloth_service=\"\(service)\", sloth_slo=\"\(Self.escape(definition.name))\"}"
    }

    static func sliName(_ window: SLOWindow) -> String { "slo:sli_error:ratio_rate\(window)" }
    static func errorEventsName(_ window: SLOWindow) -> String { "slo:sli_error_events:rate\(window)" }
    static func totalEventsName(_ window: SLOWindow) -> String { "slo:sli_total_events:rate\(window)" }

    /// The error-ratio expression over `window` (§3a, §3b).
    func sli(window: SLOWindow) -> String {
        switch definition.indicator {
        case .events(let errorQuery, let totalQuery):
            let errors = SLOQueryTemplate.render(errorQuery, window: window)
            let total = SLOQueryTemplate.render(totalQuery, window: window)
            switch style {
            case .slothCompatible: return "(\(errors))\n/\n(\(total))\n"
            // No traffic: drop the sample instead of recording 0/0 = NaN.
            case .vigil: return "(\(errors))\n/\n((\(total)) > 0)\n"
            }
        case .raw(let errorRatioQuery):
            let ratio = SLOQueryTemplate.render(errorRatioQuery, window: window)
            switch style {
            case .slothCompatible: return "(\(ratio))"
            // NaN fails every comparison, so this keeps real ratios and drops NaN samples.
            case .vigil: return "(\(ratio)) >= 0"
            }
        }
    }

    /// Vigil only: bad events over `window`, 0 where the total has series but errors do not
    /// (a missing error series would otherwise leave holes in the period sum).
    func errorEvents(window: SLOWindow) -> String? {
        guard case .events(let errorQuery, let totalQuery) = definition.indicator else { return nil }
        let errors = SLOQueryTemplate.render(errorQuery, window: window)
        let total = SLOQueryTemplate.render(totalQuery, window: window)
        return "(\(errors))\nor\n(0 * (\(total)))\n"
    }

    /// Vigil only: all events over `window`.
    func totalEvents(window: SLOWindow) -> String? {
        guard case .events(_, let totalQuery) = definition.indicator else { return nil }
        return "(\(SLOQueryTemplate.render(totalQuery, window: window)))\n"
    }

    /// The period SLI (§3c). Sloth averages the short-window ratios; Vigil, for events SLIs,
    /// divides summed bad events by summed events, so busy hours weigh more than quiet ones.
    func periodSLI(shortWindow: SLOWindow, period: SLOWindow) -> String {
        if style == .vigil, case .events = definition.indicator {
            return "sum_over_time(\(Self.errorEventsName(shortWindow))\(filter)[\(period)])\n"
                + "/ ignoring (sloth_window)\n"
                + "(sum_over_time(\(Self.totalEventsName(shortWindow))\(filter)[\(period)]) > 0)\n"
        }
        let series = "\(Self.sliName(shortWindow))\(filter)[\(period)]"
        return "sum_over_time(\(series))\n/ ignoring (sloth_window)\ncount_over_time(\(series))\n"
    }

    var objectiveRatio: String { SLONumberFormat.goG(definition.objective / 100) }
    /// `(100 − objective) / 100`, computed in that order as Sloth does (99.9 → 0.0009999999999999432).
    var errorBudget: String { SLONumberFormat.goG((100 - definition.objective) / 100) }

    /// `<ratio series> / on(…) group_left <error budget>` (§4). Vigil drops a zero budget
    /// (objective 100) from the divisor instead of recording +Inf.
    func burnRate(of sliSeries: String) -> String {
        let budget = "slo:error_budget:ratio\(filter)"
        let matching = "\(sliSeries)\(filter)\n/ on(sloth_id, sloth_slo, sloth_service) group_left"
        switch style {
        case .slothCompatible: return "\(matching)\n\(budget)\n"
        // `group_left()` spelled out: a "(" right after `group_left` would start its label list.
        case .vigil: return "\(matching)()\n(\(budget) > 0)\n"
        }
    }

    /// The multi-window multi-burn-rate alert expression for one severity (§5b).
    func alert(quick: SLOWindowPair, slow: SLOWindowPair, period: SLOWindow) -> String {
        func pair(_ windows: SLOWindowPair) -> String {
            let threshold = "(\(SLONumberFormat.goG(windows.burnFactor(period: period))) * \(errorBudget))"
            return "(\n"
                + "    max(\(Self.sliName(windows.short))\(filter) > \(threshold)) without (sloth_window)\n"
                + "    and\n"
                + "    max(\(Self.sliName(windows.long))\(filter) > \(threshold)) without (sloth_window)\n"
                + ")"
        }
        return pair(quick) + "\nor\n" + pair(slow) + "\n"
    }

    private static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
