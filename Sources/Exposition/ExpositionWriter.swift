/// Writes metric families in the Prometheus text format 0.0.4 or OpenMetrics 1.0.
///
/// ```swift
/// let body = ExpositionWriter(format: .text).write([
///     MetricFamily(name: "vigil_reconciles_total", type: .counter, help: "Reconciles run.",
///                  samples: [ExpositionSample(labels: Labels(["__name__": "vigil_reconciles_total"]), value: 3)]),
/// ])
/// // # HELP vigil_reconciles_total Reconciles run.
/// // # TYPE vigil_reconciles_total counter
/// // vigil_reconciles_total 3
/// ```
///
/// Values use the shortest text that parses back to the same `Double` (integers without a
/// fraction, `+Inf`, `-Inf`, `NaN`). Text-format timestamps are milliseconds, OpenMetrics
/// timestamps seconds with a millisecond fraction. Exemplars are written in OpenMetrics only.
/// The writer does not check that families obey the format's rules.
public struct ExpositionWriter: Sendable {
    /// The format written.
    public var format: ExpositionFormat

    /// Creates a writer for `format`.
    public init(format: ExpositionFormat = .text) {
        self.format = format
    }

    /// The exposition of `families` as a string.
    public func write(_ families: [MetricFamily]) -> String {
        var bytes: [UInt8] = []
        write(families, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the exposition of `families` to `bytes`.
    public func write(_ families: [MetricFamily], into bytes: inout [UInt8]) {
        for family in families {
            writeMetadata(family, into: &bytes)
            for sample in family.samples {
                writeSample(sample, into: &bytes)
            }
        }
        if format == .openMetrics {
            bytes.append(contentsOf: "# EOF\n".utf8)
        }
    }

    private func writeMetadata(_ family: MetricFamily, into bytes: inout [UInt8]) {
        switch format {
        case .text:
            if let help = family.help {
                append("# HELP \(family.name) \(Self.escapeHelp(help, quotes: false))\n", to: &bytes)
            }
            append("# TYPE \(family.name) \(Self.textTypeName(family.type))\n", to: &bytes)
        case .openMetrics:
            let type = family.type == .untyped ? MetricType.unknown : family.type
            append("# TYPE \(family.name) \(type.rawValue)\n", to: &bytes)
            if let unit = family.unit {
                append("# UNIT \(family.name) \(unit)\n", to: &bytes)
            }
            if let help = family.help {
                append("# HELP \(family.name) \(Self.escapeHelp(help, quotes: true))\n", to: &bytes)
            }
        }
    }

    private func writeSample(_ sample: ExpositionSample, into bytes: inout [UInt8]) {
        append(sample.metricName, to: &bytes)
        writeLabels(sample.labels, into: &bytes)
        bytes.append(UInt8(ascii: " "))
        append(Self.formatValue(sample.value), to: &bytes)
        if let timestamp = sample.timestamp {
            bytes.append(UInt8(ascii: " "))
            append(format == .text ? String(timestamp) : Self.formatSeconds(milliseconds: timestamp), to: &bytes)
        }
        if format == .openMetrics, let exemplar = sample.exemplar {
            bytes.append(contentsOf: " # ".utf8)
            writeLabels(exemplar.labels, into: &bytes, alwaysBraces: true)
            bytes.append(UInt8(ascii: " "))
            append(Self.formatValue(exemplar.value), to: &bytes)
            if let timestamp = exemplar.timestamp {
                bytes.append(UInt8(ascii: " "))
                append(Self.formatSeconds(milliseconds: timestamp), to: &bytes)
            }
        }
        bytes.append(0x0A)
    }

    private func writeLabels(_ labels: Labels, into bytes: inout [UInt8], alwaysBraces: Bool = false) {
        var first = true
        for label in labels where label.name != Labels.metricNameLabel {
            bytes.append(first ? UInt8(ascii: "{") : UInt8(ascii: ","))
            first = false
            append(label.name, to: &bytes)
            bytes.append(contentsOf: "=\"".utf8)
            append(LabelValueEscaping.escape(label.value), to: &bytes)
            bytes.append(UInt8(ascii: "\""))
        }
        if !first {
            bytes.append(UInt8(ascii: "}"))
        } else if alwaysBraces {
            bytes.append(contentsOf: "{}".utf8)
        }
    }

    private func append(_ string: String, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: string.utf8)
    }

    /// The text format has no info, stateset or gauge histogram; write their closest type.
    static func textTypeName(_ type: MetricType) -> String {
        switch type {
        case .counter, .gauge, .histogram, .summary, .untyped: type.rawValue
        case .info, .stateset: "gauge"
        case .gaugehistogram: "histogram"
        case .unknown: "untyped"
        }
    }

    /// `+Inf`, `-Inf`, `NaN`, integers without a fraction, else the shortest round-trip form.
    static func formatValue(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value == .infinity { return "+Inf" }
        if value == -.infinity { return "-Inf" }
        if value.magnitude < 1e15, Double(Int64(value)) == value {
            return String(Int64(value))
        }
        return value.description
    }

    /// Milliseconds as OpenMetrics seconds: `1700000000123` → `1700000000.123`.
    static func formatSeconds(milliseconds: Int64) -> String {
        let magnitude = milliseconds.magnitude
        let fraction = magnitude % 1000
        let sign = milliseconds < 0 ? "-" : ""
        guard fraction != 0 else { return sign + String(magnitude / 1000) }
        let digits = String(fraction)
        return sign + String(magnitude / 1000) + "." + String(repeating: "0", count: 3 - digits.count) + digits
    }

    /// Escapes `\` and newline (and `"` in OpenMetrics) in a help text.
    static func escapeHelp(_ text: String, quotes: Bool) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\"" where quotes: result += "\\\""
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
