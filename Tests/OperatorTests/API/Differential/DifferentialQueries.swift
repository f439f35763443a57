/// The differential suite's queries: every function, operator, modifier and aggregation
/// of PromQL 2.42 over ``SyntheticData``, plus edge cases and errors. Each runs as an
/// instant query and as a range query against both servers.
enum DifferentialQueries {
    static let counters = ["http_requests_total", "http_requests_total{code=\"500\"}",
                           "request_duration_seconds_count", "{__name__=~\"http_requests_total|queue_depth\"}"]
    static let gauges = ["memory_bytes", "temperature_celsius", "queue_depth", "memory_bytes{job=~\"d.*\"}"]

    static let rangeFunctions = ["rate", "irate", "increase", "delta", "idelta", "resets", "changes", "deriv",
                                 "avg_over_time", "min_over_time", "max_over_time", "sum_over_time",
                                 "count_over_time", "stddev_over_time", "stdvar_over_time", "last_over_time",
                                 "present_over_time", "absent_over_time"]

    static let instantFunctions = ["abs", "ceil", "floor", "exp", "ln", "log2", "log10", "sqrt", "round", "sgn",
                                   "timestamp", "absent", "sin", "cos", "tan", "asin", "acos", "atan", "sinh",
                                   "cosh", "tanh", "asinh", "acosh", "atanh", "deg", "rad", "minute", "hour",
                                   "day_of_week", "day_of_month", "day_of_year", "days_in_month", "month", "year",
                                   "sort", "sort_desc"]

    static let aggregations = ["sum", "avg", "min", "max", "count", "stddev", "stdvar", "group"]
    static let groupings = ["", " by (job)", " without (instance)", " by (job, code)", " without ()"]

    static var all: [String] {
        var queries: [String] = []
        // Selectors and modifiers.
        queries += [
            "http_requests_total", "http_requests_total{code=\"500\"}", "http_requests_total{job=~\"a.*\"}",
            "http_requests_total{job!=\"api\"}", "http_requests_total{code!~\"2..\"}", "{__name__=\"memory_bytes\"}",
            "{__name__=~\"memory.*|queue.*\"}", "{job=\"db\"}", "nonexistent_metric", "memory_bytes offset 10m",
            "memory_bytes offset -10m", "memory_bytes @ 1700003600", "memory_bytes @ start()", "memory_bytes @ end()",
            "temperature_celsius", "queue_depth", "http_requests_total[5m]", "memory_bytes[1m] offset 5m",
            "memory_bytes[2m] @ 1700003600", "queue_depth{queue=\"early\"}", "queue_depth @ 1700000100",
            "memory_bytes offset 1h30m", "memory_bytes{instance=\"10.0.0.1:8080\"} offset 1m @ 1700007200",
        ]
        // Range functions over counters and gauges, with several windows.
        for function in rangeFunctions {
            for (index, selector) in (counters + gauges).enumerated() {
                let window = ["5m", "1m", "17m", "30s"][index % 4]
                queries.append("\(function)(\(selector)[\(window)])")
            }
        }
        queries += [
            "quantile_over_time(0.9, memory_bytes[10m])", "quantile_over_time(0, temperature_celsius[5m])",
            "quantile_over_time(1.5, memory_bytes[5m])", "quantile_over_time(-1, queue_depth[5m])",
            "predict_linear(memory_bytes[10m], 600)", "predict_linear(http_requests_total[5m], 3600)",
            "holt_winters(memory_bytes[10m], 0.5, 0.5)", "holt_winters(temperature_celsius[15m], 0.1, 0.9)",
            "rate(http_requests_total[5m] offset 10m)", "rate(http_requests_total[5m] @ 1700003600)",
            "increase(request_duration_seconds_bucket[10m])", "rate(http_requests_total[15s])",
            "irate(http_requests_total[1m] offset -5m)", "changes(queue_depth[1h])", "resets(queue_depth[30m])",
            "deriv(queue_depth[10m])", "delta(temperature_celsius[10m])", "idelta(queue_depth[5m])",
        ]
        // Instant functions.
        for function in instantFunctions {
            queries.append("\(function)(memory_bytes)")
            queries.append("\(function)(temperature_celsius / 30)")
        }
        queries += [
            "round(temperature_celsius, 0.5)", "round(memory_bytes, 1000)", "clamp(temperature_celsius, 15, 25)",
            "clamp(temperature_celsius, 25, 15)", "clamp_min(queue_depth, 3)", "clamp_max(queue_depth, 3)",
            "absent(nonexistent_metric)", "absent(nonexistent_metric{job=\"x\"})", "absent(memory_bytes)",
            "absent_over_time(nonexistent_metric{job=\"y\"}[5m])", "scalar(memory_bytes)",
            "scalar(sum(memory_bytes))", "vector(1)", "vector(time())", "time()", "pi()",
            "minute()", "hour()", "day_of_week()", "month()", "year()", "days_in_month()",
            "timestamp(memory_bytes offset 1m)", "timestamp(vector(1))", "sqrt(-1)", "ln(0)", "exp(1000)",
            "label_replace(memory_bytes, \"host\", \"$1\", \"instance\", \"(.*):.*\")",
            "label_replace(memory_bytes, \"job\", \"\", \"job\", \".*\")",
            "label_replace(memory_bytes, \"x\", \"$2\", \"instance\", \"(.*)\")",
            "label_join(memory_bytes, \"joined\", \"-\", \"job\", \"instance\")",
            "label_join(memory_bytes, \"joined\", \",\")",
            "sort(temperature_celsius)", "sort_desc(rate(http_requests_total[5m]))",
            "histogram_quantile(0.9, rate(request_duration_seconds_bucket[5m]))",
            "histogram_quantile(0.5, sum by (le) (rate(request_duration_seconds_bucket[5m])))",
            "histogram_quantile(0.99, sum by (le, job) (increase(request_duration_seconds_bucket[10m])))",
            "histogram_quantile(0, rate(request_duration_seconds_bucket[5m]))",
            "histogram_quantile(1, rate(request_duration_seconds_bucket[5m]))",
            "histogram_quantile(1.5, rate(request_duration_seconds_bucket[5m]))",
            "histogram_quantile(-0.5, rate(request_duration_seconds_bucket[5m]))",
            "histogram_quantile(0.9, request_duration_seconds_bucket)",
            "histogram_quantile(0.9, sum without (le) (request_duration_seconds_bucket))",
            "histogram_quantile(0.75, request_duration_seconds_bucket{le!=\"+Inf\"})",
            "rate(request_duration_seconds_sum[5m]) / rate(request_duration_seconds_count[5m])",
        ]
        // Aggregations with every grouping.
        for aggregation in aggregations {
            for grouping in groupings {
                queries.append("\(aggregation)\(grouping) (rate(http_requests_total[5m]))")
            }
            queries.append("\(aggregation)(temperature_celsius)")
        }
        for grouping in groupings {
            queries.append("topk\(grouping) (2, rate(http_requests_total[5m]))")
            queries.append("bottomk\(grouping) (2, rate(http_requests_total[5m]))")
            queries.append("quantile\(grouping) (0.75, rate(http_requests_total[5m]))")
            queries.append("count_values\(grouping) (\"value\", queue_depth)")
        }
        queries += [
            "topk(3, memory_bytes)", "bottomk(1, memory_bytes)", "topk(0, memory_bytes)", "topk(100, memory_bytes)",
            "topk(2, temperature_celsius)", "bottomk(2, temperature_celsius)", "quantile(0.5, temperature_celsius)",
            "quantile(2, memory_bytes)", "quantile(NaN, memory_bytes)", "count_values(\"v\", round(temperature_celsius))",
            "sum by (job) (memory_bytes) / on (job) group_left count by (job) (memory_bytes)",
            "sum(memory_bytes) by (job)", "avg without (instance, code) (http_requests_total)",
            "max by (__name__) ({job=\"db\"})", "count by (__name__) ({__name__=~\".+\"})",
            "sum by (nonexistent) (memory_bytes)", "stddev by (job) (temperature_celsius)",
            "group by (job) (http_requests_total)", "sum(sum by (job) (memory_bytes))",
        ]
        // Binary operators.
        for op in ["+", "-", "*", "/", "%", "^"] {
            queries.append("memory_bytes \(op) 3")
            queries.append("2 \(op) queue_depth")
            queries.append("rate(http_requests_total[5m]) \(op) on (instance, job, code) rate(http_requests_total[5m] offset 5m)")
            queries.append("7 \(op) 2")
        }
        for op in ["==", "!=", ">", "<", ">=", "<="] {
            queries.append("queue_depth \(op) 3")
            queries.append("queue_depth \(op) bool 3")
            queries.append("3 \(op) bool 4")
            queries.append("memory_bytes \(op) ignoring (job) memory_bytes")
            queries.append("temperature_celsius \(op) bool temperature_celsius offset 1m")
        }
        queries += [
            "memory_bytes and on (job) queue_depth", "memory_bytes{job=\"api\"} and memory_bytes",
            "memory_bytes or queue_depth", "memory_bytes{job=\"db\"} or memory_bytes{job=\"api\"}",
            "memory_bytes unless memory_bytes{job=\"db\"}", "memory_bytes unless on (job) memory_bytes{job=\"api\"}",
            "(memory_bytes > 1.1e8) or vector(0)", "http_requests_total and ignoring (code) memory_bytes",
            "rate(http_requests_total[5m]) / ignoring (code) group_left sum without (code) (rate(http_requests_total[5m]))",
            "sum without (code) (rate(http_requests_total[5m])) / ignoring (code) group_right rate(http_requests_total[5m])",
            "memory_bytes * on (instance) group_left (code) http_requests_total{code=\"200\"}",
            "http_requests_total{code=\"500\"} / on (instance, job) http_requests_total{code=\"200\"}",
            "memory_bytes - memory_bytes offset 1h", "-memory_bytes", "+memory_bytes", "- -queue_depth",
            "2 + 3 * 4 ^ 2", "-2 ^ 2", "2 ^ 3 ^ 2", "(2 + 3) * 4", "1 / 0", "-1 / 0", "0 / 0", "5 % 0",
            "queue_depth / 0", "0x10 + 1e2", "Inf - Inf", "NaN == NaN", "1 == bool 1",
            "vector(1) + vector(2)", "scalar(queue_depth{queue=\"early\"}) * memory_bytes",
            "time() - timestamp(memory_bytes)", "memory_bytes > bool 1.05e8 + 1",
        ]
        // Subqueries.
        queries += [
            "max_over_time(rate(http_requests_total[5m])[30m:1m])", "rate(http_requests_total[5m])[10m:]",
            "avg_over_time(memory_bytes[10m:30s] offset 5m)", "min_over_time(sum by (job) (memory_bytes)[1h:5m] @ 1700005400)",
            "sum_over_time(queue_depth[5m:])", "count_over_time(vector(1)[10m:1m])", "rate(memory_bytes[10m:1m])",
            "max_over_time(deriv(memory_bytes[5m])[20m:2m])", "last_over_time(temperature_celsius[3m:45s])",
            "quantile_over_time(0.5, rate(http_requests_total[1m])[15m:30s])", "memory_bytes[5m:1m]",
            "avg_over_time(time()[10m:1m])", "stddev_over_time(queue_depth[1h:7m] offset 3m)",
        ]
        // Edge cases and errors.
        queries += [
            "rate(memory_bytes)", "sum(", "memory_bytes +", "rate(memory_bytes[5m]", "foo{", "{}", "{job=\"\"}",
            "http_requests_total + on (job) http_requests_total",
            "http_requests_total * on (job) group_left memory_bytes",
            "label_replace(memory_bytes, \"x\", \"$1\", \"job\", \"(\")", "count_values(\"a b\", memory_bytes)",
            "label_replace(memory_bytes, \"1x\", \"\", \"job\", \".*\")", "topk(\"a\", memory_bytes)",
            "vector(1) and 1", "1 and 1", "sum(memory_bytes) by (job) offset 5m", "memory_bytes[5m][5m]",
            "\"a string\"", "memory_bytes @ 99999999999999", "histogram_quantile(0.5, memory_bytes)",
            "abs(1)", "time(1)", "sort(1)", "max_over_time(memory_bytes)", "nonexistent_function(memory_bytes)",
            "http_requests_total{job=~\"(\"}", "memory_bytes offset 5", "round(memory_bytes, 0)",
            "absent(sum(nonexistent_metric))", "scalar(nonexistent_metric)", "sum(nonexistent_metric)",
            "count(nonexistent_metric)", "group(nonexistent_metric) or vector(0)",
        ]
        return queries
    }

    /// Queries whose result order PromQL defines (compared position by position).
    static func isOrdered(_ query: String) -> Bool {
        (query.hasPrefix("sort(") || query.hasPrefix("sort_desc(")
            || query.hasPrefix("topk(") || query.hasPrefix("bottomk(")) && !query.contains(" by ")
            && !query.contains(" without ")
    }

    /// A few selections at the edges of the data: before it, at its last sample, within
    /// and beyond the lookback window, between samples.
    static let edgeTimes: [Int64] = [
        SyntheticData.start - 60, SyntheticData.start, SyntheticData.start + 7,
        SyntheticData.end, SyntheticData.end + 299, SyntheticData.end + 301,
    ]
    static let edgeQueries = ["memory_bytes", "rate(http_requests_total[5m])", "queue_depth",
                              "sum by (job) (increase(request_duration_seconds_count[10m]))"]
}
