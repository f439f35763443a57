import TSDB

/// Label-set edits the evaluator needs (Prometheus's `labels.Builder` operations).
extension Labels {
    /// The set without `__name__`.
    var droppingMetricName: Labels {
        guard self[Labels.metricName] != nil else { return self }
        return Labels(pairs.filter { $0.name != Labels.metricName })
    }

    /// The set without the named labels.
    func removing(_ names: Set<String>) -> Labels {
        Labels(pairs.filter { !names.contains($0.name) })
    }

    /// Only the named labels.
    func keeping(_ names: Set<String>) -> Labels {
        Labels(pairs.filter { names.contains($0.name) })
    }

    /// The set with `name` set to `value`; an empty value removes the label.
    func setting(_ name: String, to value: String) -> Labels {
        var result = pairs.filter { $0.name != name }
        if !value.isEmpty { result.append(Label(name: name, value: value)) }
        return Labels(result)
    }

    /// The value of `name`, with a missing label read as "" as Prometheus does.
    func value(of name: String) -> String { self[name] ?? "" }
}
