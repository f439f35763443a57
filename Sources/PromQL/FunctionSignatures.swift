/// The type signature of a PromQL function, used by the type checker. Implementations live
/// in a separate table keyed by the same names (Prometheus's two-table split).
public struct FunctionSignature: Sendable, Hashable {
    public var name: String
    /// Argument types; with `variadic != 0` the last one repeats or is optional.
    public var argumentTypes: [ValueType]
    /// 0: exactly `argumentTypes`; n > 0: up to n more of the last type (the last may be
    /// omitted, so n = 1 makes it optional); -1: any number more.
    public var variadic: Int
    public var returnType: ValueType

    public init(name: String, argumentTypes: [ValueType], variadic: Int = 0, returnType: ValueType) {
        self.name = name
        self.argumentTypes = argumentTypes
        self.variadic = variadic
        self.returnType = returnType
    }

    /// The signature of a 2.42 function by name.
    public static func named(_ name: String) -> FunctionSignature? { all[name] }

    /// Every function of Prometheus 2.42 (no experimental functions exist in that release).
    public static let all: [String: FunctionSignature] = {
        var table: [String: FunctionSignature] = [:]
        func add(_ name: String, _ arguments: [ValueType], variadic: Int = 0, returns: ValueType = .instantVector) {
            table[name] = FunctionSignature(name: name, argumentTypes: arguments, variadic: variadic,
                                            returnType: returns)
        }
        let elementwise = [
            "abs", "absent", "acos", "acosh", "asin", "asinh", "atan", "atanh", "ceil", "cos", "cosh", "deg",
            "exp", "floor", "histogram_count", "histogram_sum", "ln", "log10", "log2", "rad", "sgn", "sin",
            "sinh", "sort", "sort_desc", "sqrt", "tan", "tanh", "timestamp",
        ]
        for name in elementwise { add(name, [.instantVector]) }
        let overTime = [
            "absent_over_time", "avg_over_time", "changes", "count_over_time", "delta", "deriv", "idelta",
            "increase", "irate", "last_over_time", "max_over_time", "min_over_time", "present_over_time",
            "rate", "resets", "stddev_over_time", "stdvar_over_time", "sum_over_time",
        ]
        for name in overTime { add(name, [.rangeVector]) }
        for name in ["days_in_month", "day_of_month", "day_of_week", "day_of_year", "hour", "minute", "month",
                     "year"] {
            add(name, [.instantVector], variadic: 1)
        }
        add("clamp", [.instantVector, .scalar, .scalar])
        add("clamp_max", [.instantVector, .scalar])
        add("clamp_min", [.instantVector, .scalar])
        add("histogram_fraction", [.scalar, .scalar, .instantVector])
        add("histogram_quantile", [.scalar, .instantVector])
        add("holt_winters", [.rangeVector, .scalar, .scalar])
        add("label_join", [.instantVector, .string, .string, .string], variadic: -1)
        add("label_replace", [.instantVector, .string, .string, .string, .string])
        add("pi", [], returns: .scalar)
        add("predict_linear", [.rangeVector, .scalar])
        add("quantile_over_time", [.scalar, .rangeVector])
        add("round", [.instantVector, .scalar], variadic: 1)
        add("scalar", [.instantVector], returns: .scalar)
        add("time", [], returns: .scalar)
        add("vector", [.scalar])
        return table
    }()
}
