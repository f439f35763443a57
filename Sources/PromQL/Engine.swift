import TSDB

/// Evaluates PromQL over a ``Queryable`` with Prometheus 2.42 semantics: instant queries
/// (what rules and `/api/v1/query` run) and range queries (`/api/v1/query_range`).
///
/// ```swift
/// let engine = Engine()
/// let value = try engine.instantQuery("sum(rate(http_requests_total[5m]))", at: now, on: store)
/// ```
///
/// The engine holds no state between queries; one instance can serve many concurrent
/// callers. Queries run synchronously on the caller's task; they stop with
/// ``EvaluationError/cancelled`` when that task is cancelled and with
/// ``EvaluationError/timeout`` after ``Options/timeout`` on the injected clock.
///
/// Differences from Prometheus worth knowing:
/// - ``Options/maxSamples`` bounds each intermediate value (a selection, a subquery, a
///   range query's output) rather than Prometheus's running peak of samples in memory.
/// - Native histograms are not stored, so `histogram_count`, `histogram_sum` and
///   `histogram_fraction` always return nothing (as Prometheus does for float samples).
/// - A range query evaluates its expression step by step (caching selectors and subquery
///   steps); results equal Prometheus's, including `@`, offsets and subquery alignment.
public struct Engine: Sendable {
    /// Limits and feature switches (Prometheus's `EngineOpts`).
    public struct Options: Sendable {
        /// How far back an instant selector looks for the latest sample.
        public var lookbackDelta: Milliseconds
        /// The most samples one query may hold; more fails with ``EvaluationError/tooManySamples``.
        public var maxSamples: Int
        /// Wall-clock limit of one query.
        public var timeout: Duration
        /// Whether `@` is accepted (always on since Prometheus 2.33).
        public var enableAtModifier: Bool
        /// Whether `offset -5m` is accepted.
        public var enableNegativeOffset: Bool
        /// The step of subqueries written without one (`x[10m:]`); Prometheus uses the
        /// global evaluation interval.
        public var defaultSubqueryStep: Milliseconds

        public init(lookbackDelta: Milliseconds = 300_000, maxSamples: Int = 50_000_000,
                    timeout: Duration = .seconds(120), enableAtModifier: Bool = true,
                    enableNegativeOffset: Bool = true, defaultSubqueryStep: Milliseconds = 60_000) {
            self.lookbackDelta = lookbackDelta
            self.maxSamples = maxSamples
            self.timeout = timeout
            self.enableAtModifier = enableAtModifier
            self.enableNegativeOffset = enableNegativeOffset
            self.defaultSubqueryStep = defaultSubqueryStep
        }

        /// The settings Prometheus's `.test` runner uses: 10,000 samples, 100 s, 1 m subquery step.
        public static let testing = Options(maxSamples: 10_000, timeout: .seconds(100))
    }

    /// Prometheus refuses range queries with more points per series than this.
    public static let maximumPointsPerSeries: Int64 = 11_000

    public let options: Options
    /// Measures ``Options/timeout``; injected so tests control time.
    public let clock: any Clock<Duration>

    public init(options: Options = Options(), clock: any Clock<Duration> = ContinuousClock()) {
        self.options = options
        self.clock = clock
    }

    /// Evaluates `query` at time `t` (milliseconds since the epoch).
    public func instantQuery(_ query: String, at t: Milliseconds, on storage: some Queryable)
        throws(EvaluationError) -> Value {
        try instantQuery(parse(query), at: t, on: storage)
    }

    /// Evaluates a parsed expression at time `t`. A string expression returns `.string`.
    public func instantQuery(_ expression: Expr, at t: Milliseconds, on storage: some Queryable)
        throws(EvaluationError) -> Value {
        try checkFeatures(expression)
        let evaluator = makeEvaluator(expression, storage: storage, start: t, end: t)
        var value = try evaluator.evaluate(expression, at: t)
        if case .vector(var samples) = value {
            for index in samples.indices { samples[index].timestamp = t }
            value = .vector(samples)
        }
        return value
    }

    /// Evaluates `query` at every `step` from `start` through `end`; the result is sorted
    /// by labels. Scalars become one series without labels.
    public func rangeQuery(_ query: String, start: Milliseconds, end: Milliseconds, step: Milliseconds,
                           on storage: some Queryable) throws(EvaluationError) -> [RangeSeries] {
        try rangeQuery(parse(query), start: start, end: end, step: step, on: storage)
    }

    /// Range evaluation of a parsed expression.
    public func rangeQuery(_ expression: Expr, start: Milliseconds, end: Milliseconds, step: Milliseconds,
                           on storage: some Queryable) throws(EvaluationError) -> [RangeSeries] {
        guard step > 0 else {
            throw .invalidParameters("zero or negative query resolution step widths are not accepted. "
                + "Try a positive integer")
        }
        guard end >= start else { throw .invalidParameters("end timestamp must not be before start time") }
        let (span, overflow) = end.subtractingReportingOverflow(start)
        guard !overflow, span / step <= Self.maximumPointsPerSeries else {
            throw .invalidParameters("exceeded maximum resolution of 11,000 points per timeseries. "
                + "Try decreasing the query resolution (?step=XX)")
        }
        switch expression.type {
        case .scalar, .instantVector: break
        case .rangeVector, .string:
            throw .invalidParameters("invalid expression type \"\(expression.type.documentedName)\" for range "
                + "query, must be Scalar or instant Vector")
        }
        try checkFeatures(expression)
        let evaluator = makeEvaluator(expression, storage: storage, start: start, end: end)
        var series: [Labels: [Point]] = [:]
        var total = 0
        var t = start
        while t <= end {
            switch try evaluator.evaluate(expression, at: t) {
            case .scalar(let value):
                series[Labels(), default: []].append(Point(t: t, v: value))
                total += 1
            case .vector(let samples):
                for sample in samples {
                    series[sample.labels, default: []].append(Point(t: t, v: sample.value))
                }
                total += samples.count
            case .string, .matrix:
                throw .execution("unexpected value type in range query")
            }
            if total > options.maxSamples { throw .tooManySamples }
            let (next, overflow) = t.addingReportingOverflow(step)
            if overflow { break }
            t = next
        }
        return series.map { RangeSeries(labels: $0.key, points: $0.value) }.sorted { $0.labels < $1.labels }
    }

    private func parse(_ query: String) throws(EvaluationError) -> Expr {
        do {
            return try Parser.parse(query)
        } catch {
            throw .invalidQuery(error)
        }
    }

    private func makeEvaluator(_ expression: Expr, storage: some Queryable, start: Milliseconds,
                               end: Milliseconds) -> Evaluator {
        Evaluator(expression: expression, options: options, queryStart: start, queryEnd: end,
                  isPastDeadline: Self.deadline(after: options.timeout, on: clock)) { mint, maxt in
            storage.querier(mint: mint, maxt: maxt)
        }
    }

    /// A check that turns true once `timeout` has passed on `clock` (generic to open the
    /// existential clock and compare its own instants).
    private static func deadline<C: Clock<Duration>>(after timeout: Duration, on clock: C) -> () -> Bool {
        let deadline = clock.now.advanced(by: timeout)
        return { clock.now >= deadline }
    }

    /// Rejects `@` and negative offsets when they are switched off.
    private func checkFeatures(_ expression: Expr) throws(EvaluationError) {
        if options.enableAtModifier && options.enableNegativeOffset { return }
        var stack = [expression]
        while let node = stack.popLast() {
            var at: AtModifier?
            var offset: Milliseconds = 0
            switch node {
            case .vectorSelector(let selector): (at, offset) = (selector.at, selector.offset)
            case .matrixSelector(let matrix): (at, offset) = (matrix.selector.at, matrix.selector.offset)
            case .subquery(let subquery): (at, offset) = (subquery.at, subquery.offset)
            default: break
            }
            if at != nil && !options.enableAtModifier {
                throw .invalidParameters("@ modifier is disabled")
            }
            if offset < 0 && !options.enableNegativeOffset {
                throw .invalidParameters("negative offset is disabled")
            }
            stack.append(contentsOf: node.children)
        }
    }
}
