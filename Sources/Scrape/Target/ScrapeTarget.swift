import TSDB

/// One endpoint to scrape: its labels after target relabeling.
///
/// `labels` holds everything relabeling produced, including the internal labels that
/// steer the scrape (`__address__`, `__scheme__`, `__metrics_path__`, `__param_<name>`,
/// `__scrape_interval__`, `__scrape_timeout__`). ``targetLabels`` — the labels without a
/// `__` prefix, i.e. `job`, `instance` and whatever relabeling added — are attached to
/// every scraped series and to `up` and the `scrape_*` series.
public struct ScrapeTarget: Sendable, Hashable, CustomStringConvertible {
    /// All labels after relabeling (internal ones included, `__meta_*` removed).
    public let labels: TSDB.Labels
    /// The labels the target was discovered with, before relabeling.
    public let discoveredLabels: TSDB.Labels
    /// Time between scrapes (from `__scrape_interval__`, else the pool's).
    public let interval: Duration
    /// Scrape timeout (from `__scrape_timeout__`, else the pool's).
    public let timeout: Duration
    /// The pool's `params`: every value goes into the URL, the first of each replaced by
    /// its `__param_<name>` label (so relabeling can change it), as in Prometheus.
    public let params: [String: [String]]

    /// Builds a target from already-final labels (tests, static targets).
    /// `__address__` must be present; interval and timeout come from the labels or the
    /// arguments.
    public init(labels: TSDB.Labels, discoveredLabels: TSDB.Labels = TSDB.Labels(),
                interval: Duration = .seconds(60), timeout: Duration = .seconds(10), params: [String: [String]] = [:]) {
        self.labels = labels
        self.discoveredLabels = discoveredLabels
        self.params = params
        self.interval = labels[Self.intervalLabel].flatMap(PrometheusDuration.parse) ?? interval
        self.timeout = labels[Self.timeoutLabel].flatMap(PrometheusDuration.parse) ?? timeout
    }

    /// `__address__`.
    public static let addressLabel = "__address__"
    /// `__scheme__`.
    public static let schemeLabel = "__scheme__"
    /// `__metrics_path__`.
    public static let metricsPathLabel = "__metrics_path__"
    /// `__scrape_interval__`.
    public static let intervalLabel = "__scrape_interval__"
    /// `__scrape_timeout__`.
    public static let timeoutLabel = "__scrape_timeout__"
    /// `__param_`, the prefix of query parameter labels.
    public static let paramLabelPrefix = "__param_"

    /// The labels attached to scraped series: those without a `__` prefix.
    public var targetLabels: TSDB.Labels {
        TSDB.Labels(labels.pairs.filter { !$0.name.hasPrefix("__") })
    }

    /// `host:port` to connect to.
    public var address: String { labels[Self.addressLabel] ?? "" }

    /// The scrape URL: scheme, address, path and query — the pool's ``params`` with the
    /// first value of each name replaced by its `__param_<name>` label, sorted by name as
    /// Go's `url.Values.Encode` does, every value of a name in order.
    public var url: String {
        let scheme = labels[Self.schemeLabel] ?? "http"
        var path = labels[Self.metricsPathLabel] ?? "/metrics"
        if !path.hasPrefix("/") { path = "/" + path }
        var query = params
        for label in labels.pairs where label.name.hasPrefix(Self.paramLabelPrefix) {
            let name = String(label.name.dropFirst(Self.paramLabelPrefix.count))
            if query[name, default: []].isEmpty {
                query[name] = [label.value]
            } else {
                query[name]?[0] = label.value
            }
        }
        var url = "\(scheme)://\(address)\(path)"
        let pairs = query.sorted { $0.key < $1.key }.flatMap { name, values in values.map { (name, $0) } }
        if !pairs.isEmpty {
            url += "?" + pairs.map { "\(QueryEscaping.escape($0.0))=\(QueryEscaping.escape($0.1))" }
                .joined(separator: "&")
        }
        return url
    }

    /// A stable 64-bit identity (FNV-1a over the label hash and URL), used to spread first
    /// scrapes over the interval.
    public var stableHash: UInt64 {
        var hash = FNV1a()
        hash.combine(contentsOf: (String(labels.stableHash) + url).utf8)
        return hash.value
    }

    public var description: String { url }

    /// Builds the target Prometheus 2.42 would build from discovered labels (its
    /// `PopulateLabels`): adds `job`, `__scheme__`, `__metrics_path__`,
    /// `__scrape_interval__`, `__scrape_timeout__` and `__param_*` unless present, runs
    /// `relabel_configs`, requires `__address__`, adds the scheme's default port, drops
    /// `__meta_*` labels and defaults `instance` to the address.
    ///
    /// - Returns: nil when relabeling drops the target.
    /// - Throws: ``TargetError`` when the result cannot be scraped.
    public static func make(discovered: TSDB.Labels, options: ScrapeOptions) throws(TargetError) -> ScrapeTarget? {
        var pairs = discovered.pairs
        func setDefault(_ name: String, _ value: String) {
            if discovered[name] == nil { pairs.append(TSDB.Label(name: name, value: value)) }
        }
        setDefault("job", options.jobName)
        setDefault(intervalLabel, PrometheusDuration.format(options.interval))
        setDefault(timeoutLabel, PrometheusDuration.format(options.timeout))
        setDefault(metricsPathLabel, options.metricsPath)
        setDefault(schemeLabel, options.scheme)
        for (name, values) in options.params.sorted(by: { $0.key < $1.key }) {
            if let first = values.first { pairs.append(TSDB.Label(name: paramLabelPrefix + name, value: first)) }
        }
        let preRelabel = TSDB.Labels(pairs)
        guard let relabeled = relabel(preRelabel, rules: options.relabelConfigs) else { return nil }
        guard var address = relabeled[addressLabel] else { throw TargetError("no address") }
        let scheme = relabeled[schemeLabel] ?? options.scheme
        address = try withDefaultPort(address, scheme: scheme)

        var final = relabeled.pairs.filter { !$0.name.hasPrefix("__meta_") && $0.name != addressLabel }
        final.append(TSDB.Label(name: addressLabel, value: address))
        if relabeled["instance"] == nil { final.append(TSDB.Label(name: "instance", value: address)) }
        let labels = TSDB.Labels(final)

        guard let interval = PrometheusDuration.parse(labels[intervalLabel] ?? "") else {
            throw TargetError("error parsing interval: not a valid duration string: \"\(labels[intervalLabel] ?? "")\"")
        }
        guard let timeout = PrometheusDuration.parse(labels[timeoutLabel] ?? "") else {
            throw TargetError("error parsing timeout: not a valid duration string: \"\(labels[timeoutLabel] ?? "")\"")
        }
        guard interval > .zero else { throw TargetError("scrape interval cannot be 0") }
        guard timeout > .zero else { throw TargetError("scrape timeout cannot be 0") }
        guard timeout <= interval else {
            throw TargetError("scrape timeout cannot be greater than scrape interval (\"\(labels[timeoutLabel] ?? "")\" > \"\(labels[intervalLabel] ?? "")\")")
        }
        return ScrapeTarget(labels: labels, discoveredLabels: discovered, interval: interval, timeout: timeout,
                            params: options.params)
    }

    /// `host` → `host:80` (http) or `host:443` (https), as Prometheus 2.42 does.
    private static func withDefaultPort(_ address: String, scheme: String) throws(TargetError) -> String {
        if address.contains("/") { throw TargetError("\"\(address)\" is not a valid hostname") }
        let hasPort: Bool
        if address.hasPrefix("[") {
            hasPort = address.contains("]:")
        } else {
            hasPort = address.contains(":")
        }
        if hasPort { return address }
        switch scheme {
        case "http": return address + ":80"
        case "https": return address + ":443"
        default: throw TargetError("invalid scheme: \"\(scheme)\"")
        }
    }
}

/// Why discovered labels do not make a scrapable target (the target is skipped).
public struct TargetError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Prometheus' wording, e.g. `no address`.
    public var message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Percent-encoding for query components, as Go's `url.QueryEscape`.
enum QueryEscaping {
    static func escape(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                 UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " "):
                output.append("+")
            default:
                let digits = Array("0123456789ABCDEF")
                output.append("%")
                output.append(digits[Int(byte >> 4)])
                output.append(digits[Int(byte & 0x0f)])
            }
        }
        return output
    }
}
