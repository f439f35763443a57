// swift-tools-version: 6.1
// Vigil: a Kubernetes operator that turns ServiceMonitor, PrometheusRule and ServiceLevel
// objects into Prometheus configuration, rule files and dashboards, and runs an embedded
// scrape-and-evaluate engine to report what it finds as status conditions.
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "vigil",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "vigil", targets: ["vigil"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-async-algorithms.git", from: "1.1.4"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
    ],
    targets: [
        // MARK: Engine modules (know nothing of Kubernetes)
        .target(name: "Exposition", swiftSettings: strictSettings),
        .target(name: "TSDB", swiftSettings: strictSettings),
        .target(name: "PromQL", dependencies: ["TSDB"], swiftSettings: strictSettings),
        .target(
            name: "Scrape",
            dependencies: [
                "Exposition", "TSDB",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strictSettings),
        .target(
            name: "Rules",
            dependencies: [
                "PromQL", "TSDB",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings),

        // MARK: Kubernetes (knows nothing of Prometheus)
        .target(
            name: "KubernetesClient",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "DequeModule", package: "swift-collections"),
            ],
            swiftSettings: strictSettings),

        // MARK: Generators, operator, executable
        .target(
            name: "Monitoring",
            dependencies: ["PromQL", "Scrape", "TSDB", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings),
        // The system zlib, for the gzip-compressed configuration Secret.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "Operator",
            dependencies: [
                "Exposition", "TSDB", "PromQL", "Scrape", "Rules", "KubernetesClient", "Monitoring", "CZlib",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings),
        .executableTarget(
            name: "vigil",
            dependencies: [
                "Operator", "KubernetesClient", "Monitoring", "Rules", "PromQL", "TSDB", "Scrape", "Exposition",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: strictSettings),

        // MARK: Test support (never linked into the binary)
        .target(
            name: "VigilTestSupport",
            path: "Tests/Support/VigilTestSupport",
            swiftSettings: strictSettings),
        .target(
            name: "FakeKubernetesAPIServer",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/Support/FakeKubernetesAPIServer",
            swiftSettings: strictSettings),

        // MARK: Tests (Swift Testing, one target per module)
        .testTarget(name: "ExpositionTests", dependencies: ["Exposition", "VigilTestSupport"]),
        .testTarget(name: "TSDBTests", dependencies: ["TSDB", "VigilTestSupport"]),
        .testTarget(
            name: "PromQLTests", dependencies: ["PromQL", "TSDB", "VigilTestSupport"],
            exclude: ["Eval/Oracle"]),
        .testTarget(
            name: "ScrapeTests",
            dependencies: [
                "Scrape", "VigilTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(
            name: "RulesTests",
            dependencies: ["Rules", "PromQL", "TSDB", "VigilTestSupport", .product(name: "Logging", package: "swift-log")],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "KubernetesClientTests",
            dependencies: [
                "KubernetesClient", "FakeKubernetesAPIServer", "VigilTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ]),
        .testTarget(
            name: "MonitoringTests",
            dependencies: ["Monitoring", "VigilTestSupport", .product(name: "Yams", package: "Yams")],
            exclude: ["Golden"]),
        .testTarget(
            name: "OperatorTests",
            dependencies: [
                "Operator", "PromQL", "TSDB", "Exposition", "Monitoring", "Rules", "KubernetesClient", "Scrape",
                "FakeKubernetesAPIServer", "VigilTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(
            name: "VigilCLITests",
            dependencies: [
                "vigil", "VigilTestSupport", "FakeKubernetesAPIServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Yams", package: "Yams"),
            ]),

        // MARK: Benchmarks (run by hand; figures go to the README)
        .executableTarget(
            name: "ExpositionBenchmarks", dependencies: ["Exposition"],
            path: "Benchmarks/ExpositionBenchmarks", swiftSettings: strictSettings),
        .executableTarget(
            name: "ScrapeBenchmarks",
            dependencies: [
                "Scrape", "TSDB", "Exposition",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/ScrapeBenchmarks", swiftSettings: strictSettings),
        .executableTarget(
            name: "OperatorBenchmarks",
            dependencies: [
                "Operator", "KubernetesClient", "Monitoring", "FakeKubernetesAPIServer",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/OperatorBenchmarks", swiftSettings: strictSettings),
        .executableTarget(
            name: "PromQLBenchmarks",
            dependencies: [
                "Operator", "PromQL", "TSDB",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Benchmarks/PromQLBenchmarks", swiftSettings: strictSettings),
        .executableTarget(
            name: "TSDBBenchmarks", dependencies: ["TSDB"],
            path: "Benchmarks/TSDBBenchmarks", swiftSettings: strictSettings),
        .executableTarget(
            name: "VigilBenchmarks",
            dependencies: [
                "KubernetesClient", "FakeKubernetesAPIServer",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/VigilBenchmarks",
            swiftSettings: strictSettings),
    ],
    swiftLanguageModes: [.v6]
)
