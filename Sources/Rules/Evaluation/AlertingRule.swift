import PromQL
import TSDB

/// A compiled alerting rule with its alert state.
struct AlertingRule: Sendable {
    let name: String
    let expression: Expr
    let labels: [String: String]
    let annotations: [String: String]
    var tracker: AlertTracker
    /// Whether `ALERTS`/`ALERTS_FOR_STATE` series are written yet. Prometheus holds them
    /// back after startup until it has restored `for` state (see ``RuleGroup``).
    var restored: Bool

    init(name: String, expression: Expr, holdDuration: Milliseconds, keepFiringFor: Milliseconds,
         labels: [String: String], annotations: [String: String], restored: Bool) {
        self.name = name
        self.expression = expression
        self.labels = labels
        self.annotations = annotations
        self.tracker = AlertTracker(holdDuration: holdDuration, keepFiringFor: keepFiringFor)
        self.restored = restored
    }

    /// Prometheus's `AlertingRule.Eval`: query, template labels and annotations, update the
    /// state machine, and return the `ALERTS` and `ALERTS_FOR_STATE` samples.
    mutating func evaluate(at t: Milliseconds, query: RuleQuery, limit: Int, externalLabels: Labels,
                           externalURL: String) throws(RuleEvaluationError) -> [Sample] {
        let results = try query.vector(expression, at: t)
        let context = TemplateContext(query: query.templateQuery(at: t), externalURL: externalURL)
        var returned: [Labels: (value: Double, annotations: [String: String])] = [:]
        for sample in results {
            let data = AlertTemplateData(labels: sample.labels, externalLabels: externalLabels,
                                         externalURL: externalURL, value: sample.value)
            var pairs = sample.labels.pairs.filter { $0.name != Labels.metricName }
            for (label, template) in labels.sorted(by: { $0.key < $1.key }) {
                pairs.removeAll { $0.name == label }
                pairs.append(Label(name: label, value: AlertTemplate.expand(template, alertName: name, data: data,
                                                                            context: context)))
            }
            pairs.removeAll { $0.name == "alertname" }
            pairs.append(Label(name: "alertname", value: name))
            var expanded: [String: String] = [:]
            for (annotation, template) in annotations {
                expanded[annotation] = AlertTemplate.expand(template, alertName: name, data: data, context: context)
            }
            let alertLabels = Labels(pairs)
            guard returned[alertLabels] == nil else {
                throw RuleEvaluationError("vector contains metrics with the same labelset after applying alert labels")
            }
            returned[alertLabels] = (sample.value, expanded)
        }
        let current = tracker.observe(returned, at: t)
        if limit > 0, current.count > limit {
            tracker.reset()
            throw RuleEvaluationError("exceeded limit of \(limit) with \(current.count) alerts")
        }
        guard restored else { return [] }
        var samples: [Sample] = []
        for alert in current {
            var alertPairs = alert.labels.pairs.filter { $0.name != Labels.metricName && $0.name != "alertstate" }
            alertPairs.append(Label(name: Labels.metricName, value: "ALERTS"))
            alertPairs.append(Label(name: "alertstate", value: alert.state.rawValue))
            samples.append(Sample(labels: Labels(alertPairs), timestamp: t, value: 1))
            var forPairs = alert.labels.pairs.filter { $0.name != Labels.metricName }
            forPairs.append(Label(name: Labels.metricName, value: "ALERTS_FOR_STATE"))
            // Whole seconds, as Prometheus writes `ActiveAt.Unix()`.
            let seconds = alert.activeAt >= 0 ? alert.activeAt / 1000 : (alert.activeAt - 999) / 1000
            samples.append(Sample(labels: Labels(forPairs), timestamp: t, value: Double(seconds)))
        }
        return samples
    }
}
