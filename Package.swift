// swift-tools-version: 6.1
import PackageDescription

// MARK: - Dependencies (all from the machine's package mirror, by their GitHub address and a listed version)

let dependencies: [Package.Dependency] = [
    // `traits: []` keeps SwiftPM from rebuilding everything when the default-trait order flips between runs.
    .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0", traits: []),
    .package(url: "https://github.com/grpc/grpc-swift-2", from: "2.4.3"),
    .package(url: "https://github.com/grpc/grpc-swift-nio-transport", from: "2.9.2"),
    .package(url: "https://github.com/grpc/grpc-swift-protobuf", from: "2.4.1"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
    .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.7.3"),
    .package(url: "https://github.com/apple/swift-service-context", from: "1.5.1"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
    .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
    .package(url: "https://github.com/apple/swift-nio-http2", from: "1.46.0"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
]

// MARK: - Targets

var targets: [Target] = [
    // MARK: Wire model
    .systemLibrary(
        name: "CNGHTTP2",
        pkgConfig: "libnghttp2",
        providers: [.apt(["libnghttp2-dev"])]
    ),
    .systemLibrary(
        name: "CZlib",
        pkgConfig: "zlib",
        providers: [.apt(["zlib1g-dev"])]
    ),
    .target(
        name: "CelloOTLP",
        dependencies: [
            .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            .product(name: "GRPCCore", package: "grpc-swift-2"),
            .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
        ],
        exclude: ["Generated/VERSION"]
    ),

    // MARK: SDK
    .target(
        name: "CelloTelemetry",
        dependencies: [
            "CelloOTLP",
            .product(name: "Tracing", package: "swift-distributed-tracing"),
            .product(name: "Instrumentation", package: "swift-distributed-tracing"),
            .product(name: "ServiceContextModule", package: "swift-service-context"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "GRPCCore", package: "grpc-swift-2"),
            .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
            .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOEmbedded", package: "swift-nio"),
            .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
        ]
    ),
    .target(
        name: "CelloTelemetryTesting",
        dependencies: [
            "CelloTelemetry",
            .product(name: "Tracing", package: "swift-distributed-tracing"),
        ]
    ),

    // MARK: App
    .target(
        name: "CelloHTTP",
        dependencies: [
            "CelloTelemetry",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Tracing", package: "swift-distributed-tracing"),
            .product(name: "Instrumentation", package: "swift-distributed-tracing"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]
    ),

    // MARK: Fake collector (the judge: never imports CelloTelemetry or CelloHTTP)
    .target(
        name: "HTTP2Wire",
        dependencies: [
            "CNGHTTP2",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]
    ),
    .target(
        name: "FakeCollector",
        dependencies: [
            "HTTP2Wire",
            "CelloOTLP",
            "CZlib",
            .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Yams", package: "Yams"),
        ]
    ),

    // MARK: Scenario runner (judges through the collector and the query API: never imports CelloTelemetry)
    .target(
        name: "ConformanceKit",
        dependencies: [
            "FakeCollector",
            "CelloOTLP",
            .product(name: "Yams", package: "Yams"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]
    ),

    // MARK: Executables (parse flags, start a ServiceGroup, nothing more)
    .executableTarget(
        name: "fake-collector",
        dependencies: [
            "FakeCollector",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
        ]
    ),

    .executableTarget(
        name: "demo-service",
        dependencies: [
            "CelloHTTP",
            "CelloTelemetry",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
        ]
    ),
    .executableTarget(
        name: "conformance",
        dependencies: [
            "ConformanceKit",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]
    ),

    // MARK: Tests
    .testTarget(
        name: "CNGHTTP2Tests",
        dependencies: ["CNGHTTP2"]
    ),
    .testTarget(
        name: "CelloOTLPTests",
        dependencies: [
            "CelloOTLP",
            .product(name: "SwiftProtobuf", package: "swift-protobuf"),
        ]
    ),
    .testTarget(
        name: "CelloTelemetryTests",
        dependencies: [
            "CelloTelemetry",
            "CelloTelemetryTesting",
            "CelloOTLP",
            .product(name: "Tracing", package: "swift-distributed-tracing"),
            .product(name: "GRPCCore", package: "grpc-swift-2"),
            .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
            .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "MetricsTestKit", package: "swift-metrics"),
            .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
            .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
        ]
    ),
    .testTarget(
        name: "CelloHTTPTests",
        dependencies: [
            "CelloHTTP",
            "CelloTelemetry",
            "CelloTelemetryTesting",
            .product(name: "Tracing", package: "swift-distributed-tracing"),
            .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]
    ),
    .testTarget(
        name: "HTTP2WireTests",
        dependencies: [
            "HTTP2Wire",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOEmbedded", package: "swift-nio"),
            .product(name: "NIOHTTP2", package: "swift-nio-http2"),
        ]
    ),
    .testTarget(
        name: "FakeCollectorTests",
        dependencies: [
            "FakeCollector",
            "CelloOTLP",
            .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            .product(name: "GRPCCore", package: "grpc-swift-2"),
            .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
            .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP2", package: "swift-nio-http2"),
        ]
    ),
    .testTarget(
        name: "StackTests",
        dependencies: [.product(name: "Yams", package: "Yams")]
    ),
    .testTarget(
        name: "ConformanceKitTests",
        dependencies: [
            "ConformanceKit",
            "FakeCollector",
            "CelloOTLP",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]
    ),
]

let package = Package(
    name: "cello-telemetry",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "CelloOTLP", targets: ["CelloOTLP"]),
        .library(name: "CelloTelemetry", targets: ["CelloTelemetry"]),
        .library(name: "CelloTelemetryTesting", targets: ["CelloTelemetryTesting"]),
        .library(name: "CelloHTTP", targets: ["CelloHTTP"]),
        .library(name: "FakeCollector", targets: ["FakeCollector"]),
        .library(name: "ConformanceKit", targets: ["ConformanceKit"]),
        .executable(name: "fake-collector", targets: ["fake-collector"]),
        .executable(name: "demo-service", targets: ["demo-service"]),
        .executable(name: "conformance", targets: ["conformance"]),
    ],
    dependencies: dependencies,
    targets: targets
)

// MARK: - Settings shared by every target

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        // https://github.com/swiftlang/swift-evolution/blob/main/proposals/0335-existential-any.md
        .enableUpcomingFeature("ExistentialAny"),
        // https://github.com/swiftlang/swift-evolution/blob/main/proposals/0444-member-import-visibility.md
        .enableUpcomingFeature("MemberImportVisibility"),
    ]
}
