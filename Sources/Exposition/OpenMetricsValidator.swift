/// The OpenMetrics 1.0 rules that span lines, checked as entries stream by.
///
/// It mirrors the reference parser of the OpenMetrics project (whose test cases Vigil runs):
/// a metric family starts with its metadata or its first sample and ends when an entry for
/// another name arrives; when a family ends its names are reserved and its histogram
/// groups are checked.
struct OpenMetricsValidator {
    struct Failure: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    enum MetadataKind {
        case help, type, unit
    }

    /// The sample name suffixes each type allows, after the family name.
    private static func allowedSuffixes(for type: MetricType?) -> [String] {
        switch type {
        case .counter: ["_total", "_created"]
        case .summary: ["", "_count", "_sum", "_created"]
        case .histogram: ["_count", "_sum", "_bucket", "_created"]
        case .gaugehistogram: ["_gcount", "_gsum", "_bucket"]
        case .info: ["_info"]
        default: [""]
        }
    }

    private struct Family {
        var name: String
        var type: MetricType?
        var hasHelp = false
        var unit: String?
        var hasSamples = false
        var allowedSuffixes: [String]
        var currentGroup: Labels?
        var seenGroups: Set<Labels> = []
        var groupTimestamp: Double?
        /// Series already seen in the current group at `groupTimestamp` (histograms only):
        /// the reference parser drops such duplicates before its histogram checks.
        var groupSeries: Set<Labels> = []
        var histogram = HistogramCheck()

        init(name: String, type: MetricType?) {
            self.name = name
            self.type = type
            allowedSuffixes = OpenMetricsValidator.allowedSuffixes(for: type)
        }

        var isHistogram: Bool { type == .histogram || type == .gaugehistogram }
    }

    private var reservedNames: Set<String> = []
    private var family: Family?

    // MARK: - Entries

    mutating func metadata(_ entry: ExpositionEntry) throws(Failure) {
        let name: String
        switch entry {
        case .help(let metric, _), .type(let metric, _), .unit(let metric, _): name = metric
        case .comment, .sample: return
        }
        if let current = family, current.name == name {
            guard !current.hasSamples else { throw Failure("metadata for \"\(name)\" after its samples") }
        } else {
            try endFamily()
            family = Family(name: name, type: nil)
        }
        guard var current = family else { return }
        family = nil
        defer { family = current }
        switch entry {
        case .help:
            guard !current.hasHelp else { throw Failure("more than one HELP for \"\(name)\"") }
            current.hasHelp = true
        case .type(_, let type):
            guard current.type == nil else { throw Failure("more than one TYPE for \"\(name)\"") }
            current.type = type
            current.allowedSuffixes = Self.allowedSuffixes(for: type)
        case .unit(_, let unit):
            guard current.unit == nil else { throw Failure("more than one UNIT for \"\(name)\"") }
            current.unit = unit
        case .comment, .sample:
            break
        }
    }

    mutating func sample(_ sample: ExpositionSample, seconds: Double?, hasExemplar: Bool) throws(Failure) {
        let sampleName = sample.metricName
        var suffix = family.flatMap { Self.suffix(of: sampleName, in: $0) }
        if suffix == nil {
            // A name the current family does not allow starts a new family of unknown type.
            try endFamily()
            family = Family(name: sampleName, type: .unknown)
            suffix = ""
        }
        guard var current = family, let suffix else { return }
        family = nil
        defer { family = current }
        try Self.check(sample, suffix: suffix, seconds: seconds, hasExemplar: hasExemplar, in: &current)
    }

    /// Ends the last family; call at `# EOF`.
    mutating func finish() throws(Failure) {
        try endFamily()
    }

    // MARK: - Checks

    private static func suffix(of sampleName: String, in family: Family) -> String? {
        let name = family.name.utf8
        let sample = sampleName.utf8
        guard sample.starts(with: name) else { return nil }
        let rest = sample.dropFirst(name.count)
        for suffix in family.allowedSuffixes where suffix.utf8.elementsEqual(rest) {
            return suffix
        }
        return nil
    }

    private static func check(
        _ sample: ExpositionSample, suffix: String, seconds: Double?, hasExemplar: Bool, in family: inout Family
    ) throws(Failure) {
        let name = family.name
        let labels = sample.labels
        let type = family.type ?? .unknown
        var bucketBound: Double?
        if type == .stateset && labels[name] == nil {
            throw Failure("stateset sample without a \"\(name)\" label")
        }
        if suffix == "_bucket" && family.isHistogram {
            bucketBound = try boundary(labels["le"], label: "le", allowsInfinity: true)
        }
        if type == .summary && suffix.isEmpty {
            let quantile = try boundary(labels["quantile"], label: "quantile", allowsInfinity: false)
            guard quantile >= 0 && quantile <= 1 else { throw Failure("quantile label must be between 0 and 1") }
        }
        let duplicate = try checkGrouping(sample, suffix: suffix, seconds: seconds, type: type, family: &family)
        family.hasSamples = true

        let value = sample.value
        if type == .stateset && value != 0 && value != 1 { throw Failure("stateset values must be 0 or 1") }
        if type == .info && value != 1 { throw Failure("info values must be 1") }
        if type == .summary && suffix.isEmpty && value < 0 { throw Failure("quantile values must not be negative") }
        let counterLike = ["_total", "_sum", "_count", "_bucket", "_gcount", "_gsum"].contains(suffix)
        if counterLike && value.isNaN { throw Failure("\(suffix) values must not be NaN") }
        if counterLike && suffix != "_gsum" && value < 0 { throw Failure("\(suffix) values must not be negative") }
        if hasExemplar {
            let allowed = (family.isHistogram && suffix == "_bucket") || (type == .counter && suffix == "_total")
            guard allowed else { throw Failure("exemplars are allowed only on counter _total and histogram _bucket samples") }
        }
        if family.isHistogram && !duplicate {
            let group = groupKey(labels, dropping: suffix == "_bucket" ? "le" : nil)
            try family.histogram.add(suffix: suffix, value: value, bound: bucketBound, group: group, timestamp: seconds)
        }
    }

    /// Checks that groups (series of one family differing only in `le`, `quantile` or the
    /// stateset label) are contiguous and their timestamps consistent. Returns whether the
    /// sample repeats a series at the same timestamp within its group.
    private static func checkGrouping(
        _ sample: ExpositionSample, suffix: String, seconds: Double?, type: MetricType, family: inout Family
    ) throws(Failure) -> Bool {
        let isBucket = suffix == "_bucket"
        let group: Labels
        switch type {
        case .info: group = Labels()
        case .summary where suffix.isEmpty: group = groupKey(sample.labels, dropping: "quantile")
        case .stateset: group = groupKey(sample.labels, dropping: family.name)
        case .histogram where isBucket, .gaugehistogram where isBucket:
            group = groupKey(sample.labels, dropping: "le")
        default: group = groupKey(sample.labels, dropping: nil)
        }
        var duplicate = false
        if let current = family.currentGroup, current == group {
            if (seconds == nil) != (family.groupTimestamp == nil) {
                throw Failure("some samples of a group have timestamps and some do not")
            }
            if let previous = family.groupTimestamp, let seconds, previous > seconds, type != .info {
                throw Failure("timestamps went backwards within a group")
            }
            if family.isHistogram {
                duplicate = seconds == family.groupTimestamp && family.groupSeries.contains(sample.labels)
                family.groupSeries.insert(sample.labels)
            }
        } else {
            if family.currentGroup != nil && family.seenGroups.contains(group) {
                throw Failure("samples of group \(group) are not contiguous")
            }
            family.seenGroups.insert(group)
            family.currentGroup = group
            if family.isHistogram { family.groupSeries = [sample.labels] }
        }
        family.groupTimestamp = seconds
        return duplicate
    }

    /// Parses an `le` or `quantile` label. `+Inf` must be spelled exactly so.
    private static func boundary(_ text: String?, label: String, allowsInfinity: Bool) throws(Failure) -> Double {
        guard let text else { throw Failure("missing \(label) label") }
        let bytes = Array(text.utf8)
        guard let value = try? NumberParsing.parseDouble(bytes, 0, bytes.count), !value.isNaN else {
            throw Failure("invalid \(label) label \"\(text)\"")
        }
        if value == .infinity && text != "+Inf" { throw Failure("\(label) label \"\(text)\" must be written +Inf") }
        return value
    }

    private static func groupKey(_ labels: Labels, dropping extra: String?) -> Labels {
        Labels(sortedUnique: labels.filter { $0.name != Labels.metricNameLabel && $0.name != extra })
    }

    private mutating func endFamily() throws(Failure) {
        guard var ended = family else { return }
        family = nil
        let type = ended.type ?? .unknown
        for suffix in Set(Self.allowedSuffixes(for: type) + [""]) {
            let name = ended.name + suffix
            guard reservedNames.insert(name).inserted else { throw Failure("metric family name \"\(name)\" clashes with an earlier one") }
        }
        if let unit = ended.unit, !unit.isEmpty {
            guard ended.name.hasSuffix("_" + unit) else {
                throw Failure("metric name \"\(ended.name)\" does not end with its unit \"_\(unit)\"")
            }
            guard type != .info && type != .stateset else { throw Failure("\(type.rawValue) metrics cannot have a unit") }
        }
        if ended.isHistogram {
            try ended.histogram.finish()
        }
    }
}
