/// Threshold steps: a base colour (value `null`, i.e. minus infinity) then ascending steps.
struct Thresholds: Encodable, Sendable, Equatable {
    struct Step: Encodable, Sendable, Equatable {
        var color: String
        /// nil only for the base step; written as an explicit `null`, which Grafana requires.
        var value: Double?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(color, forKey: .color)
            if let value, value.isFinite {
                try container.encode(value, forKey: .value)
            } else {
                try container.encodeNil(forKey: .value)
            }
        }

        private enum CodingKeys: String, CodingKey { case color, value }
    }

    var mode = "absolute"
    var steps: [Step]

    /// A base colour and further `(value, colour)` steps; steps are sorted by value so a
    /// caller's order (or an objective that lands between two defaults) cannot break them.
    init(base: String, _ steps: [(Double, String)] = []) {
        self.steps = [Step(color: base, value: nil)]
            + steps.filter { $0.0.isFinite }.sorted { $0.0 < $1.0 }.map { Step(color: $0.1, value: $0.0) }
    }
}
