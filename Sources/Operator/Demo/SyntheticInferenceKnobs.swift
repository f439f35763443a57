/// The live settings of the synthetic inference service: how many requests fail and how
/// much latency is added to each. Change them with ``SyntheticInferenceService/setKnobs(_:)``
/// or `POST /control?errorRatio=0.05&latency=0.4`.
public struct SyntheticInferenceKnobs: Sendable, Hashable, CustomStringConvertible {
    /// The share of requests answered with an error, from 0 to 1.
    public var errorRatio: Double
    /// Seconds added to every request's duration, from 0 to ``maximumExtraLatency``.
    public var extraLatency: Double

    /// The largest extra latency accepted, in seconds.
    public static let maximumExtraLatency = 60.0

    /// The demo's healthy default: 0.05% errors (inside a 99.9% objective), no added latency.
    public static let healthy = SyntheticInferenceKnobs(errorRatio: 0.0005, extraLatency: 0)

    /// Creates knobs, clamping each value into its valid range (NaN counts as 0).
    public init(errorRatio: Double, extraLatency: Double) {
        self.errorRatio = Self.clamp(errorRatio, to: 0...1)
        self.extraLatency = Self.clamp(extraLatency, to: 0...Self.maximumExtraLatency)
    }

    /// `errorRatio=0.0005 latency=0`, the form `/control` answers with.
    public var description: String {
        "errorRatio=\(errorRatio) latency=\(extraLatency)"
    }

    /// These knobs with the settings named in a `/control` query changed.
    ///
    /// Accepted names are `errorRatio` (0…1) and `latency` (seconds, 0…60); a name given
    /// twice takes its last value. Anything else is refused rather than ignored so a typo
    /// in a demo command is seen at once.
    public func applying(query: [(name: String, value: String)]) throws(SyntheticInferenceKnobsError) -> Self {
        var knobs = self
        for (name, text) in query {
            guard let value = Double(text), value.isFinite else {
                throw .notANumber(parameter: name, value: text)
            }
            switch name {
            case "errorRatio":
                guard (0...1).contains(value) else { throw .outOfRange(parameter: name, value: text, range: "0…1") }
                knobs.errorRatio = value
            case "latency":
                guard (0...Self.maximumExtraLatency).contains(value) else {
                    throw .outOfRange(parameter: name, value: text, range: "0…\(Int(Self.maximumExtraLatency)) seconds")
                }
                knobs.extraLatency = value
            default:
                throw .unknownParameter(name)
            }
        }
        return knobs
    }

    private static func clamp(_ value: Double, to range: ClosedRange<Double>) -> Double {
        guard !value.isNaN else { return range.lowerBound }
        return min(max(value, range.lowerBound), range.upperBound)
    }
}

/// Why a `/control` query was refused.
public enum SyntheticInferenceKnobsError: Error, Equatable, CustomStringConvertible {
    /// The parameter is neither `errorRatio` nor `latency`.
    case unknownParameter(String)
    /// The value is not a finite decimal number.
    case notANumber(parameter: String, value: String)
    /// The value is a number outside the parameter's range.
    case outOfRange(parameter: String, value: String, range: String)

    public var description: String {
        switch self {
        case .unknownParameter(let name):
            "unknown parameter \"\(name)\"; use errorRatio (0…1) and latency (seconds)"
        case .notANumber(let name, let value):
            "\(name): \"\(value)\" is not a number"
        case .outOfRange(let name, let value, let range):
            "\(name): \(value) is outside \(range)"
        }
    }
}
