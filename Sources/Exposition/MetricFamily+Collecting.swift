extension MetricFamily {
    /// Reads a whole exposition and groups its entries into families, in input order.
    ///
    /// A `# HELP`/`# TYPE`/`# UNIT` line for a new name starts a family; a sample joins the
    /// current family when its name is the family name or the family name plus a suffix its
    /// type allows (`_total`, `_bucket`, `_sum`, `_count`, `_created`, `_gcount`, `_gsum`,
    /// `_info`); any other sample starts an untyped family of its own name. Comments are
    /// dropped. Useful for tests, `vigil check` and re-exposing scraped data; scraping
    /// itself should consume entries as they stream.
    public static func collect<Parser: ExpositionParser>(
        from parser: inout Parser
    ) throws(ExpositionError) -> [MetricFamily] {
        var families: [MetricFamily] = []
        while let entry = try parser.next() {
            switch entry {
            case .help(let metric, let text):
                families[index(of: metric, in: &families)].help = text
            case .type(let metric, let type):
                families[index(of: metric, in: &families)].type = type
            case .unit(let metric, let unit):
                families[index(of: metric, in: &families)].unit = unit
            case .comment:
                break
            case .sample(let sample):
                let name = sample.metricName
                if let last = families.last, last.accepts(sampleNamed: name) {
                    families[families.count - 1].samples.append(sample)
                } else {
                    families.append(MetricFamily(name: name, type: .untyped, samples: [sample]))
                }
            }
        }
        return families
    }

    /// The index of the family called `name` if it is the current one, else of a new one.
    private static func index(of name: String, in families: inout [MetricFamily]) -> Int {
        if families.last?.name != name {
            families.append(MetricFamily(name: name, type: .untyped, samples: []))
        }
        return families.count - 1
    }

    private func accepts(sampleNamed sampleName: String) -> Bool {
        guard sampleName.hasPrefix(name) else { return false }
        let suffix = sampleName.dropFirst(name.count)
        switch type {
        case .counter: return suffix == "" || suffix == "_total" || suffix == "_created"
        case .summary: return ["", "_sum", "_count", "_created"].contains(suffix)
        case .histogram: return ["", "_bucket", "_sum", "_count", "_created"].contains(suffix)
        case .gaugehistogram: return ["", "_bucket", "_gsum", "_gcount"].contains(suffix)
        case .info: return suffix == "" || suffix == "_info"
        case .gauge, .stateset, .untyped, .unknown: return suffix == ""
        }
    }
}
