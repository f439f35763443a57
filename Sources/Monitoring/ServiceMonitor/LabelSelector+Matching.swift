extension LabelSelector {
    /// Whether an object with `labels` is selected. An empty selector selects everything.
    /// Assumes a valid selector (see ``ServiceMonitorValidator``): unknown operators match
    /// nothing.
    public func matches(_ labels: [String: String]) -> Bool {
        for (key, value) in matchLabels ?? [:] where labels[key] != value {
            return false
        }
        for requirement in matchExpressions ?? [] {
            let value = labels[requirement.key]
            let values = requirement.values ?? []
            switch requirement.operator {
            case .in:
                guard let value, values.contains(value) else { return false }
            case .notIn:
                if let value, values.contains(value) { return false }
            case .exists:
                if value == nil { return false }
            case .doesNotExist:
                if value != nil { return false }
            default:
                return false
            }
        }
        return true
    }
}
