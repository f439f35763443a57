/// Printing back to PromQL in the shape of Prometheus 2.42's `String()` methods, e.g.
/// `sum by (job) (rate(x[5m]))`. Parsing the output yields the same tree (up to positions
/// and matcher order); that is what `/api/v1/format_query` returns.
extension Expr: CustomStringConvertible {
    public var description: String {
        switch self {
        case .number(let node): return GoFloatFormat.shortest(node.value)
        case .string(let node): return GoQuoting.quote(node.value)
        case .vectorSelector(let node): return node.description
        case .matrixSelector(let node): return node.description
        case .subquery(let node): return node.description
        case .call(let node):
            return node.function.name + "(" + node.arguments.map(\.description).joined(separator: ", ") + ")"
        case .aggregation(let node): return node.description
        case .binary(let node): return node.description
        case .unary(let node): return "\(node.op.rawValue)\(node.expression)"
        case .paren(let node): return "(\(node.expression))"
        }
    }
}

extension AtModifier: CustomStringConvertible {
    /// ` @ 123.000`, ` @ start()`: with the leading space, as it follows a selector.
    public var description: String {
        switch self {
        case .timestamp(let milliseconds): return " @ " + Self.seconds(milliseconds)
        case .start: return " @ start()"
        case .end: return " @ end()"
        }
    }

    /// Go's `%.3f` of milliseconds / 1000, computed exactly from the integer.
    static func seconds(_ milliseconds: Milliseconds) -> String {
        let sign = milliseconds < 0 ? "-" : ""
        let magnitude = milliseconds.magnitude
        let fraction = String(magnitude % 1000)
        return sign + String(magnitude / 1000) + "." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}

func offsetDescription(_ offset: Milliseconds) -> String {
    offset == 0 ? "" : " offset " + PromDuration.format(offset)
}

extension VectorSelector: CustomStringConvertible {
    public var description: String { withoutModifiers + (at?.description ?? "") + offsetDescription(offset) }

    /// `name{matchers}` with matchers sorted as Prometheus prints them.
    var withoutModifiers: String {
        let labels = matchers.map(\.description).sorted()
        if labels.isEmpty { return name ?? "{}" }
        return (name ?? "") + "{" + labels.joined(separator: ",") + "}"
    }
}

extension MatrixSelector: CustomStringConvertible {
    public var description: String {
        selector.withoutModifiers + "[" + PromDuration.format(range) + "]" + (selector.at?.description ?? "")
            + offsetDescription(selector.offset)
    }
}

extension Subquery: CustomStringConvertible {
    public var description: String {
        let stepText = step == 0 ? "" : PromDuration.format(step)
        return "\(expression)[\(PromDuration.format(range)):\(stepText)]" + (at?.description ?? "")
            + offsetDescription(offset)
    }
}

extension Aggregation: CustomStringConvertible {
    public var description: String {
        var out = op.rawValue
        if without {
            out += " without (\(grouping.joined(separator: ", "))) "
        } else if !grouping.isEmpty {
            out += " by (\(grouping.joined(separator: ", "))) "
        }
        out += "("
        if let parameter { out += "\(parameter), " }
        return out + "\(expression))"
    }
}

extension BinaryExpr: CustomStringConvertible {
    public var description: String {
        var modifiers = returnBool ? " bool" : ""
        if let matching {
            let grouped = matching.cardinality == .manyToOne || matching.cardinality == .oneToMany
            // Prometheus omits an empty `ignoring ()`; keep it when a group modifier needs it.
            if matching.on || !matching.labels.isEmpty || grouped {
                modifiers += " \(matching.on ? "on" : "ignoring") (\(matching.labels.joined(separator: ", ")))"
            }
            if grouped {
                let side = matching.cardinality == .manyToOne ? "left" : "right"
                modifiers += " group_\(side) (\(matching.include.joined(separator: ", ")))"
            }
        }
        // `+Inf ^ 2` would read back as `+(Inf ^ 2)`: print the bare word there instead.
        var left = lhs.description
        if op == .pow, case .number(let literal) = lhs, literal.value == .infinity { left = "Inf" }
        return "\(left) \(op.rawValue)\(modifiers) \(rhs)"
    }
}
