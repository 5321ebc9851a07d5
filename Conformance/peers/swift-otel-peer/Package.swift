// swift-tools-version: 6.1
// A peer of the conformance harness on swift-otel (the OTLP backend for swift-distributed-tracing) and Hummingbird:
// an exporter driver for `conformance verify-exporter` and a hop service for A -> B -> C scenarios
// (Conformance/third-party/README.md). A package of its own, so that the main package never depends on swift-otel;
// build it with `swift build --package-path Conformance/peers/swift-otel-peer` (its own .build folder). Its folder is
// not called swift-otel: SwiftPM names a root package after its folder, which would clash with the dependency.
import PackageDescription

let package = Package(
    name: "swift-otel-peer",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "swift-otel-emit", targets: ["swift-otel-emit"]),
        .executable(name: "swift-otel-hop", targets: ["swift-otel-hop"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swift-otel/swift-otel", from: "1.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.7.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
    ],
    targets: [
        .executableTarget(
            name: "swift-otel-emit",
            dependencies: [
                .product(name: "OTel", package: "swift-otel"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "swift-otel-hop",
            dependencies: [
                .product(name: "OTel", package: "swift-otel"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
    ]
)
