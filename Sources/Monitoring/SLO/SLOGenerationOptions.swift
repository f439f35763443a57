/// Settings shared by SLO validation and rule generation.
public struct SLOGenerationOptions: Sendable {
    /// Which rules to emit.
    public enum Style: Sendable, Equatable {
        /// Byte-compatible with Sloth ≥ v0.11 (same names, labels, expressions, numbers),
        /// including its known flaws (see docs/servicelevel.md).
        case slothCompatible
        /// Same series names and labels as Sloth, but an event-weighted period SLI and no
        /// NaN/+Inf from windows without traffic or from a zero error budget.
        case vigil
    }

    /// Which rules to emit (see `Style`); `.vigil` unless migrating from Sloth.
    public var style: Style
    /// Period for `PrometheusServiceLevel` input, which has no period field (Sloth's
    /// `--default-slo-period`).
    public var defaultPeriod: SLOPeriod
    /// Labels added to every rule, winning over user labels (Sloth's `--extra-labels`).
    public var extraLabels: [String: String]
    /// `sloth_version` label value on `sloth_slo_info`.
    public var generatorVersion: String
    /// `sloth_mode` label value on `sloth_slo_info` (`ctrl-gen-k8s`, `cli-gen-prom`, …).
    public var mode: String
    /// Checks one PromQL expression (the SLI query with `1m` for the window) and returns an
    /// error message, or nil when it is valid. A leading `line:column:` in the message is
    /// moved to the same place in the query as written. ``checkingQueries`` sets Vigil's
    /// PromQL parser and type checker (`PromQLCheck`); nil (the default) skips the check.
    public var expressionChecker: (@Sendable (String) -> String?)?

    public init(style: Style = .vigil, defaultPeriod: SLOPeriod = .thirtyDays, extraLabels: [String: String] = [:],
                generatorVersion: String = "vigil-v0.1.0", mode: String = "ctrl-gen-k8s",
                expressionChecker: (@Sendable (String) -> String?)? = nil) {
        (self.style, self.defaultPeriod, self.extraLabels) = (style, defaultPeriod, extraLabels)
        (self.generatorVersion, self.mode, self.expressionChecker) = (generatorVersion, mode, expressionChecker)
    }

    /// Vigil's improved rules (the default).
    public static var vigil: SLOGenerationOptions { SLOGenerationOptions() }
    /// Rules that match Sloth's byte for byte.
    public static var slothCompatible: SLOGenerationOptions { SLOGenerationOptions(style: .slothCompatible) }

    /// These options with SLI queries checked by Vigil's PromQL parser and type checker, as
    /// Prometheus would load the generated rules (`1:16: parse error: unclosed left parenthesis`).
    public func checkingQueries() -> SLOGenerationOptions {
        var options = self
        options.expressionChecker = PromQLCheck.message(for:)
        return options
    }
}
