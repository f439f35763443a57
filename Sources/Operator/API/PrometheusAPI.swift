import PromQL
import TSDB

/// Prometheus's HTTP query API (`/api/v1/query`, `query_range`, `series`, `labels`,
/// `label/<name>/values`, `format_query`, `status/buildinfo`) over any ``Queryable``
/// store and a PromQL ``Engine``, answering with Prometheus 2.42's JSON, error types and
/// status codes so Grafana and `promtool query` work against it.
///
/// Each endpoint is a plain function from ``APIParameters`` to an ``APIResponse``; the
/// CLI calls them directly and ``addRoutes(to:prefix:)`` mounts them on a Hummingbird
/// router, next to whatever else the operator serves there:
///
/// ```swift
/// let api = PrometheusAPI(storage: store, now: { clock.nowMilliseconds })
/// let router = Router()
/// api.addRoutes(to: router)        // then the operator adds /api/v1/rules, /metrics, …
/// ```
public struct PrometheusAPI<Storage: Queryable>: Sendable {
    public let storage: Storage
    public let engine: Engine
    public let buildInfo: BuildInfo
    /// The current time in milliseconds: the default `time` of instant queries.
    public let now: @Sendable () -> Int64

    public init(storage: Storage, engine: Engine = Engine(), buildInfo: BuildInfo = .vigil,
                now: @escaping @Sendable () -> Int64) {
        self.storage = storage
        self.engine = engine
        self.buildInfo = buildInfo
        self.now = now
    }

    /// Prometheus refuses range queries with more points per series than this.
    static var maximumPoints: Int64 { 11_000 }

    // MARK: Queries

    /// `/api/v1/query`: `query`, optional `time` (default now) and `timeout`.
    public func query(_ parameters: APIParameters) -> APIResponse {
        respond { () throws(APIError) -> APIResponse in
            let (value, time) = try instantValue(parameters)
            return .queryResult(value, at: time)
        }
    }

    /// `/api/v1/query_range`: `query`, `start`, `end`, `step`, optional `timeout`.
    public func queryRange(_ parameters: APIParameters) -> APIResponse {
        respond { () throws(APIError) -> APIResponse in .rangeResult(try rangeValue(parameters)) }
    }

    /// An instant query's value and evaluation time (ms), parameters checked in
    /// Prometheus's order: `time`, `timeout`, `query`.
    func instantValue(_ parameters: APIParameters) throws(APIError) -> (Value, Int64) {
        let time = try timeParameter(parameters, "time", default: now())
        let engine = try engine(timeout: parameters)
        let expression = try parse(parameters.value("query") ?? "", wrapped: true)
        do throws(EvaluationError) {
            return (try engine.instantQuery(expression, at: time, on: storage), time)
        } catch {
            throw APIError(error)
        }
    }

    /// A range query's series, parameters checked in Prometheus's order: `start`, `end`,
    /// `step`, the 11,000-point limit, `timeout`, `query`.
    func rangeValue(_ parameters: APIParameters) throws(APIError) -> [RangeSeries] {
        let start = try required(parameters, "start") { text throws(APIError) in try APITimeParsing.timestamp(text) }
        let end = try required(parameters, "end") { text throws(APIError) in try APITimeParsing.timestamp(text) }
        if end < start {
            throw .invalidParameter("end", "end timestamp must not be before start time")
        }
        let step = try required(parameters, "step") { text throws(APIError) in try APITimeParsing.duration(text) }
        guard step > 0 else {
            throw .invalidParameter("step", "zero or negative query resolution step widths are not accepted. "
                + "Try a positive integer")
        }
        let (span, overflow) = end.subtractingReportingOverflow(start)
        if overflow || span / step > Self.maximumPoints {
            throw APIError(.badData, "exceeded maximum resolution of 11,000 points per timeseries. "
                + "Try decreasing the query resolution (?step=XX)")
        }
        let engine = try engine(timeout: parameters)
        let expression = try parse(parameters.value("query") ?? "", wrapped: false)
        do throws(EvaluationError) {
            return try engine.rangeQuery(expression, start: start, end: end, step: step, on: storage)
        } catch {
            throw APIError(error)
        }
    }

    /// `/api/v1/format_query`: the query printed back in canonical form.
    ///
    /// Prometheus 2.42 pretty-prints expressions longer than 100 characters over several
    /// lines; this prints every expression on one line (the same text for shorter ones).
    public func formatQuery(_ parameters: APIParameters) -> APIResponse {
        respond { () throws(APIError) -> APIResponse in
            .string(try parse(parameters.value("query") ?? "", wrapped: true).description)
        }
    }

    /// `/api/v1/status/buildinfo`.
    public func buildInformation() -> APIResponse {
        buildInfo.response()
    }

    // MARK: Metadata

    /// `/api/v1/series`: label sets of the series matching any `match[]` in
    /// `[start, end]` (default: all time), sorted, without duplicates.
    public func series(_ parameters: APIParameters) -> APIResponse {
        respond { () throws(APIError) -> APIResponse in
            let selectors = parameters.values("match[]")
            if selectors.isEmpty { throw APIError(.badData, "no match[] parameter provided") }
            let start = try timeParameter(parameters, "start", default: APITimeParsing.minimumTime)
            let end = try timeParameter(parameters, "end", default: APITimeParsing.maximumTime)
            let matcherSets: [[TSDB.LabelMatcher]]
            do throws(APIError) {
                matcherSets = try Self.matcherSets(selectors)
            } catch {
                throw .invalidParameter("match[]", error.message)
            }
            let querier = storage.querier(mint: start, maxt: end)
            var found = Set<Labels>()
            for matchers in matcherSets {
                for series in querier.select(matchers) { found.insert(series.labels) }
            }
            return .labelSets(found.sorted())
        }
    }

    /// `/api/v1/labels`: sorted label names, of the series matching any `match[]` if given.
    public func labelNames(_ parameters: APIParameters) -> APIResponse {
        respond { () throws(APIError) -> APIResponse in
            let (querier, matcherSets) = try metadataScope(parameters)
            guard let matcherSets else { return .strings(querier.labelNames([])) }
            var names = Set<String>()
            for matchers in matcherSets { names.formUnion(querier.labelNames(matchers)) }
            return .strings(names.sorted())
        }
    }

    /// `/api/v1/label/<name>/values`: sorted values of `name`.
    public func labelValues(name: String, _ parameters: APIParameters) -> APIResponse {
        respond { () throws(APIError) -> APIResponse in
            guard Self.isLabelName(name) else {
                throw APIError(.badData, "invalid label name: \(APITimeParsing.quote(name))")
            }
            let (querier, matcherSets) = try metadataScope(parameters)
            guard let matcherSets else { return .strings(querier.labelValues(name, [])) }
            var values = Set<String>()
            for matchers in matcherSets { values.formUnion(querier.labelValues(name, matchers)) }
            return .strings(values.sorted())
        }
    }

    // MARK: Parameters

    private func respond(_ body: () throws(APIError) -> APIResponse) -> APIResponse {
        do {
            return try body()
        } catch {
            return .failure(error)
        }
    }

    /// An optional time parameter, wrapped as Prometheus's `parseTimeParam` wraps it.
    private func timeParameter(_ parameters: APIParameters, _ name: String, default defaultValue: Int64)
        throws(APIError) -> Int64 {
        guard let text = parameters.value(name), !text.isEmpty else { return defaultValue }
        do {
            return try APITimeParsing.timestamp(text)
        } catch {
            throw .invalidParameter(name, "Invalid time value for '\(name)': \(error.message)")
        }
    }

    /// A required parameter; an absent one parses as the empty string (and fails).
    private func required<T>(_ parameters: APIParameters, _ name: String,
                             _ parse: (String) throws(APIError) -> T) throws(APIError) -> T {
        do {
            return try parse(parameters.value(name) ?? "")
        } catch {
            throw .invalidParameter(name, error.message)
        }
    }

    /// The engine, with the request's `timeout` when it is shorter than the configured one.
    private func engine(timeout parameters: APIParameters) throws(APIError) -> Engine {
        guard let text = parameters.value("timeout"), !text.isEmpty else { return engine }
        let milliseconds: Int64
        do {
            milliseconds = try APITimeParsing.duration(text)
        } catch {
            throw .invalidParameter("timeout", error.message)
        }
        var options = engine.options
        options.timeout = min(options.timeout, .milliseconds(max(milliseconds, 0)))
        return Engine(options: options, clock: engine.clock)
    }

    private func parse(_ query: String, wrapped: Bool) throws(APIError) -> Expr {
        do {
            return try Parser.parse(query)
        } catch {
            throw wrapped ? .invalidParameter("query", error.description) : APIError(.badData, error.description)
        }
    }

    /// `start`, `end` and optional `match[]` of the label endpoints; nil sets mean "all series".
    private func metadataScope(_ parameters: APIParameters) throws(APIError)
        -> (Storage.RangeQuerier, [[TSDB.LabelMatcher]]?) {
        let start = try timeParameter(parameters, "start", default: APITimeParsing.minimumTime)
        let end = try timeParameter(parameters, "end", default: APITimeParsing.maximumTime)
        let selectors = parameters.values("match[]")
        let matcherSets = selectors.isEmpty ? nil : try Self.matcherSets(selectors)
        return (storage.querier(mint: start, maxt: end), matcherSets)
    }

    /// Parses `match[]` selectors; each must have a matcher that does not match "".
    static func matcherSets(_ selectors: [String]) throws(APIError) -> [[TSDB.LabelMatcher]] {
        var sets: [[TSDB.LabelMatcher]] = []
        for selector in selectors {
            let parsed: [PromQL.LabelMatcher]
            do {
                parsed = try Parser.parseMetricSelector(selector)
            } catch {
                throw APIError(.badData, error.description)
            }
            var matchers: [TSDB.LabelMatcher] = []
            for matcher in parsed {
                do {
                    matchers.append(try matcher.storageMatcher())
                } catch {
                    throw APIError(.badData, error.description)
                }
            }
            sets.append(matchers)
        }
        for matchers in sets where matchers.allSatisfy(\.matchesEmpty) {
            throw APIError(.badData, "match[] must contain at least one non-empty matcher")
        }
        return sets
    }

    /// `[a-zA-Z_][a-zA-Z0-9_]*`, Prometheus's label name rule.
    static func isLabelName(_ name: String) -> Bool {
        guard let first = name.utf8.first, first == UInt8(ascii: "_") || (first | 0x20) >= UInt8(ascii: "a")
                && (first | 0x20) <= UInt8(ascii: "z") else { return false }
        return name.utf8.allSatisfy { byte in
            byte == UInt8(ascii: "_") || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z"))
        }
    }
}
