import Testing
@testable import Exposition

/// Random families whose samples survive a write and a parse unchanged.
enum RandomFamilies {
    static let alphabet = Array("abcxyz_:ABC019")
    static let valueScalars: [Unicode.Scalar] = ["a", "Z", "0", " ", "\"", "\\", "\n", "#", "{", "}", ",", "=", "é", "☃", "😀", "\t"]

    static func name(_ random: inout SeededGenerator, labelName: Bool = false) -> String {
        let first = Array("abcxyzABC_")
        var text = String(first[Int(random.next() % UInt64(first.count))])
        for _ in 0..<(random.next() % 8) {
            let character = alphabet[Int(random.next() % UInt64(alphabet.count))]
            if labelName && character == ":" { continue }
            text.append(character)
        }
        return text
    }

    static func value(_ random: inout SeededGenerator) -> Double {
        switch random.next() % 8 {
        case 0: .nan
        case 1: .infinity
        case 2: -.infinity
        case 3: Double(Int64(bitPattern: random.next()) % 1_000_000)
        case 4: Double(bitPattern: random.next() & 0x7FEF_FFFF_FFFF_FFFF)  // any finite positive
        default: Double(Int64(bitPattern: random.next()) % 100_000) / 1000
        }
    }

    static func families(_ random: inout SeededGenerator, types: [MetricType], timestamps: Bool) -> [MetricFamily] {
        var used: Set<String> = []
        var families: [MetricFamily] = []
        for _ in 0..<(1 + random.next() % 5) {
            let family = "f_" + name(&random)
            guard used.insert(family).inserted else { continue }
            var samples: [ExpositionSample] = []
            var seenSeries: Set<Labels> = []
            for _ in 0..<(1 + random.next() % 6) {
                var labels: [Label] = [Label(name: "__name__", value: family)]
                var labelNames: Set<String> = ["__name__"]
                for _ in 0..<(random.next() % 4) {
                    let labelName = name(&random, labelName: true)
                    guard !labelName.hasPrefix("__"), labelNames.insert(labelName).inserted else { continue }
                    var labelValue = ""
                    for _ in 0..<(random.next() % 6) {
                        labelValue.unicodeScalars.append(valueScalars[Int(random.next() % UInt64(valueScalars.count))])
                    }
                    labels.append(Label(name: labelName, value: labelValue))
                }
                let set = Labels(labels)
                guard seenSeries.insert(set).inserted else { continue }
                let timestamp: Int64? = timestamps && random.next() % 2 == 0 ? Int64(random.next() % 4_000_000_000_000) : nil
                samples.append(ExpositionSample(labels: set, value: value(&random), timestamp: timestamp))
            }
            let type = types[Int(random.next() % UInt64(types.count))]
            families.append(MetricFamily(name: family, type: type, help: random.next() % 2 == 0 ? "help \\ \n x" : nil, samples: samples))
        }
        return families
    }
}

/// Whether two samples are equal, NaN equal to NaN.
func sameSample(_ a: ExpositionSample, _ b: ExpositionSample) -> Bool {
    a.labels == b.labels && a.timestamp == b.timestamp
        && (a.value == b.value || (a.value.isNaN && b.value.isNaN))
}

@Suite("writer → parser round trip")
struct RoundTripTests {
    @Test("random families survive text format writing and parsing", arguments: 0..<200)
    func textRoundTrip(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let families = RandomFamilies.families(
            &random, types: [.counter, .gauge, .untyped, .summary, .histogram], timestamps: true)
        let text = ExpositionWriter(format: .text).write(families)
        var parser = TextParser(text)
        let parsed = samples(in: try parseAll(&parser).get())
        let expected = families.flatMap(\.samples)
        #expect(parsed.count == expected.count)
        for (a, b) in zip(parsed, expected) {
            #expect(sameSample(a, b), "\(a) != \(b) in\n\(text)")
        }
    }

    @Test("random gauge families survive strict OpenMetrics writing and parsing", arguments: 0..<200)
    func openMetricsRoundTrip(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        // Strict OpenMetrics wants one timestamp presence per group, so none at all here.
        let families = RandomFamilies.families(&random, types: [.gauge, .unknown], timestamps: false)
        let text = ExpositionWriter(format: .openMetrics).write(families)
        var parser = OpenMetricsParser(text)
        let entries = try parseAll(&parser).get()
        let parsed = samples(in: entries)
        let expected = families.flatMap(\.samples)
        #expect(parsed.count == expected.count)
        for (a, b) in zip(parsed, expected) {
            #expect(sameSample(a, b), "\(a) != \(b) in\n\(text)")
        }
        let helps = entries.compactMap { if case .help(_, let text) = $0 { text } else { nil } }
        #expect(helps == families.compactMap(\.help))
    }

    @Test("timestamps and exemplars survive OpenMetrics writing and parsing")
    func openMetricsTimestamps() throws {
        let family = MetricFamily(
            name: "c", type: .counter,
            samples: [
                ExpositionSample(
                    labels: Labels(["__name__": "c_total", "x": "1"]), value: 2, timestamp: -1_999,
                    exemplar: Exemplar(labels: Labels(["id": "☃"]), value: .infinity, timestamp: 1_700_000_000_123)),
                ExpositionSample(labels: Labels(["__name__": "c_total", "x": "2"]), value: 3, timestamp: 7),
            ])
        var parser = OpenMetricsParser(ExpositionWriter(format: .openMetrics).write([family]))
        let parsed = samples(in: try parseAll(&parser).get())
        #expect(parsed == family.samples)
    }
}
