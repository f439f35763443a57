import PromQL
import TSDB

/// `vigil query`: one PromQL query over a local store (usually loaded from an OpenMetrics
/// file), through the same code as the HTTP API, printed as the API's JSON or as text.
///
/// ```swift
/// let result = LocalQuery(expression: "sum(up)", form: .instant(time: "1700000000"), format: .table)
///     .run(on: store, now: nowMilliseconds)
/// print(result.output)   // {} => 3 @[1700000000]
/// ```
public struct LocalQuery: Sendable {
    /// Instant (at `time`, default now) or range (`start`…`end` every `step`); the strings
    /// are read as the API reads them (unix seconds or RFC 3339; seconds or `1m`).
    public enum Form: Sendable, Equatable {
        case instant(time: String?)
        case range(start: String, end: String, step: String)
    }

    /// How the result is printed.
    public enum Format: String, Sendable, CaseIterable {
        /// Exactly the HTTP API's JSON envelope.
        case json
        /// One line per sample, as `promtool query` prints them: `{labels} => value @[time]`.
        case table
    }

    /// What to print and the exit code (0 success, 1 query error).
    public struct Result: Sendable, Equatable {
        public var output: String
        public var exitCode: Int32

        public init(output: String, exitCode: Int32) {
            self.output = output
            self.exitCode = exitCode
        }
    }

    public var expression: String
    public var form: Form
    public var format: Format

    public init(expression: String, form: Form, format: Format) {
        self.expression = expression
        self.form = form
        self.format = format
    }

    /// Loads `data` (an OpenMetrics file with timestamps, or nothing) into a fresh store and
    /// runs the query there. An instant query without a time is evaluated at the newest
    /// sample of the file (an old file would otherwise answer nothing), else at `now` (ms).
    /// A file that does not load prints its error with line and column and exits 1.
    public func run(data: [UInt8]?, now: Int64) -> Result {
        let store = TimeSeriesStore()
        var defaultTime = now
        if let data {
            do {
                let summary = try OpenMetricsDataLoader.load(bytes: data, into: store)
                defaultTime = summary.timeRange?.upperBound ?? now
            } catch {
                return Result(output: "error (data): \(error)\n", exitCode: 1)
            }
        }
        return run(on: store, now: defaultTime)
    }

    /// Runs the query on `storage`; `now` (ms) is the default instant time.
    public func run<Storage: Queryable>(on storage: Storage, engine: Engine = Engine(), now: Int64) -> Result {
        let api = PrometheusAPI(storage: storage, engine: engine, now: { now })
        var parameters: [(String, String)] = [("query", expression)]
        switch form {
        case .instant(let time):
            if let time { parameters.append(("time", time)) }
        case .range(let start, let end, let step):
            parameters += [("start", start), ("end", end), ("step", step)]
        }
        let apiParameters = APIParameters(parameters)
        if format == .json {
            let response: APIResponse
            switch form {
            case .instant: response = api.query(apiParameters)
            case .range: response = api.queryRange(apiParameters)
            }
            return Result(output: response.text + "\n", exitCode: response.status == 200 ? 0 : 1)
        }
        do throws(APIError) {
            switch form {
            case .instant:
                let (value, time) = try api.instantValue(apiParameters)
                return Result(output: Self.text(value, at: time), exitCode: 0)
            case .range:
                return Result(output: Self.text(.matrix(try api.rangeValue(apiParameters)), at: 0), exitCode: 0)
            }
        } catch {
            return Result(output: "error (\(error.kind.rawValue)): \(error.message)\n", exitCode: 1)
        }
    }

    /// Prometheus's `model.Metric` spelling: `name{a="b", c="d"}`, `name`, or `{}`.
    static func metric(_ labels: Labels) -> String {
        let name = labels.metricName ?? ""
        let rest = labels.pairs.filter { $0.name != Labels.metricName }
            .map { "\($0.name)=\(APITimeParsing.quote($0.value))" }
        if rest.isEmpty { return name.isEmpty ? "{}" : name }
        return name + "{" + rest.joined(separator: ", ") + "}"
    }

    /// promtool's text: `{a="b"} => 1 @[12.5]` per sample; a matrix prints each series'
    /// points under its labels.
    static func text(_ value: Value, at time: Int64) -> String {
        func seconds(_ milliseconds: Int64) -> String { GoFloatFormat.shortest(Double(milliseconds) / 1000) }
        switch value {
        case .scalar(let number):
            return "scalar: \(GoFloatFormat.shortest(number)) @[\(seconds(time))]\n"
        case .string(let text):
            return "string: \(text) @[\(seconds(time))]\n"
        case .vector(let samples):
            return samples.map { "\(metric($0.labels)) => \(GoFloatFormat.shortest($0.value)) @[\(seconds($0.timestamp))]\n" }
                .joined()
        case .matrix(let series):
            return series.map { one in
                "\(metric(one.labels)) =>\n" + one.points.map { "\(GoFloatFormat.shortest($0.v)) @[\(seconds($0.t))]\n" }.joined()
            }.joined()
        }
    }
}
