import Monitoring
import Testing

@Suite("Scrape job generator options")
struct GeneratorOptionTests {
    static func monitor(_ spec: String) throws -> ServiceMonitor {
        try ServiceMonitor(yaml: """
            metadata: {name: m, namespace: ns}
            spec:
              selector: {}
            \(spec.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
            """)
    }

    static func job(_ spec: String, _ configure: (inout GeneratorOptions) -> Void = { _ in }) throws -> ScrapeJob {
        var options = GeneratorOptions()
        configure(&options)
        let generation = ScrapeConfigGenerator.generate([try monitor(spec)], options: options)
        #expect(generation.rejected.isEmpty, "\(generation.rejected)")
        return try #require(generation.jobs.first)
    }

    @Test("body size limit: enforced fills in, the smaller of both wins in base-2 units",
          arguments: [(nil, "1GiB", "1GiB"), ("512MB", nil, "512MB"), ("512MB", "1GB", "512MB"),
                      ("2GB", "1500MiB", "1500MiB"), ("1024KB", "1MiB", "1024KB")] as [(String?, String?, String)])
    func bodySizeLimit(_ row: (String?, String?, String)) throws {
        let spec = (row.0.map { "bodySizeLimit: \($0)\n" } ?? "") + "endpoints: [{port: web}]"
        let job = try Self.job(spec) { $0.enforcedBodySizeLimit = row.1 }
        #expect(job.bodySizeLimit == row.2)
    }

    @Test("an invalid body size is a validation issue", arguments: ["12", "MB", "1.B", "5XB", "iB"])
    func invalidBodySize(_ size: String) throws {
        let issues = ServiceMonitorValidator.validate(try Self.monitor("bodySizeLimit: \"\(size)\"\nendpoints: []"),
                                                      options: GeneratorOptions())
        #expect(issues.map(\.field) == ["spec.bodySizeLimit"])
    }

    @Test("limits: monitor value, enforced value, or the smaller; enforced alone is global on >= 2.45")
    func limits() throws {
        let spec = "sampleLimit: 500\ntargetLimit: 0\nendpoints: [{port: web}]"
        let job = try Self.job(spec) {
            $0.enforcedLimits.sampleLimit = 100
            $0.enforcedLimits.labelLimit = 30
        }
        #expect(job.sampleLimit == 100)
        #expect(job.targetLimit == 0)
        #expect(job.labelLimit == nil)
        let old = try Self.job(spec) {
            $0.prometheusVersion = PrometheusVersion(2, 44)
            $0.enforcedLimits.labelLimit = 30
        }
        #expect(old.labelLimit == 30)
    }

    @Test("version-gated fields disappear on older Prometheus")
    func versionGating() throws {
        let spec = """
            keepDroppedTargets: 5
            fallbackScrapeProtocol: PrometheusText0.0.4
            scrapeProtocols: [PrometheusText1.0.0, OpenMetricsText1.0.0]
            endpoints: [{port: web, followRedirects: true, trackTimestampsStaleness: true}]
            """
        let current = try Self.job(spec)
        #expect(current.keepDroppedTargets == 5)
        #expect(current.fallbackScrapeProtocol == "PrometheusText0.0.4")
        #expect(current.scrapeProtocols == ["PrometheusText1.0.0", "OpenMetricsText1.0.0"])
        #expect(current.trackTimestampsStaleness == true)
        let old = try Self.job(spec) { $0.prometheusVersion = PrometheusVersion(2, 42) }
        #expect(old.keepDroppedTargets == nil)
        #expect(old.fallbackScrapeProtocol == nil)
        #expect(old.scrapeProtocols == nil)
        #expect(old.trackTimestampsStaleness == nil)
        #expect(old.followRedirects == true)
    }

    @Test("native histogram knobs are written in prometheus-operator's key order")
    func nativeHistograms() throws {
        let spec = """
            scrapeNativeHistograms: true
            nativeHistogramBucketLimit: 160
            nativeHistogramMinBucketFactor: "1.1"
            scrapeClassicHistograms: true
            convertClassicHistogramsToNHCB: false
            endpoints: [{port: web}]
            """
        let yaml = try OrderedYAML.emit([try Self.job(spec)])
        #expect(yaml.hasSuffix("""
              scrape_native_histograms: true
              native_histogram_bucket_limit: 160
              native_histogram_min_bucket_factor: 1.1
              always_scrape_classic_histograms: true
              convert_classic_histograms_to_nhcb: false

            """))
        let v2 = try OrderedYAML.emit([try Self.job(spec) { $0.prometheusVersion = PrometheusVersion(2, 50) }])
        #expect(v2.contains("\n  scrape_classic_histograms: true\n"))
    }

    @Test("honor_timestamps is forced false by overrideHonorTimestamps")
    func honorTimestampsOverride() throws {
        #expect(try Self.job("endpoints: [{port: web}]").honorTimestamps == nil)
        #expect(try Self.job("endpoints: [{port: web, honorTimestamps: true}]").honorTimestamps == true)
        #expect(try Self.job("endpoints: [{port: web, honorTimestamps: true}]") { $0.overrideHonorTimestamps = true }
            .honorTimestamps == false)
    }

    @Test("shard counts below one count as one", arguments: [0, -3, 1])
    func shardsBelowOne(_ shards: Int) throws {
        let job = try Self.job("endpoints: [{port: web}]") { $0.shards = shards }
        #expect(job.relabelConfigs.contains { $0.action == "hashmod" && $0.modulus == 1 })
        #expect(job.relabelConfigs.contains { $0.regex == .string("0") && $0.sourceLabels == ["__tmp_current_shard"] })
    }

    @Test("excluded monitors get no namespace enforcement")
    func enforcementExclusion() throws {
        let job = try Self.job("endpoints: [{port: web}]") {
            $0.enforcedNamespaceLabel = "tenant"
            $0.excludedFromEnforcement = ["ns/m"]
        }
        #expect(!job.relabelConfigs.contains { $0.targetLabel == "tenant" })
        #expect(job.metricRelabelConfigs == nil)
    }

    @Test("Prometheus versions parse with or without v and build suffixes",
          arguments: [("v3.11.1", PrometheusVersion(3, 11, 1)), ("2.42.0+ds", PrometheusVersion(2, 42, 0)),
                      ("3.0", PrometheusVersion(3, 0, 0))])
    func versions(_ row: (String, PrometheusVersion)) {
        #expect(PrometheusVersion(row.0) == row.1)
    }
}

@Suite("Scrape classes")
struct ScrapeClassTests {
    @Test("class authorization does not stack on an endpoint's own auth")
    func classAuthorizationYields() throws {
        let yaml = """
            endpoints:
            - port: a
              bearerTokenFile: /token
            - port: b
            """
        let generation = ScrapeConfigGenerator.generate([try GeneratorOptionTests.monitor(yaml)], options: {
            var options = GeneratorOptions()
            var mesh = ScrapeClass(name: "mesh", isDefault: true)
            mesh.authorization = .init(credentialsFile: "/class-token")
            options.scrapeClasses = [mesh]
            return options
        }())
        #expect(generation.jobs.map(\.authorization?.credentialsFile) == [nil, "/class-token"])
    }
}
