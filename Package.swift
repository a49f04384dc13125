// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Zygote",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "zygote", targets: ["zygote"]),
        .executable(name: "zygote-bench", targets: ["zygote-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .target(name: "SourceMap"),
        .target(
            name: "Zy",
            dependencies: ["SourceMap"],
            // The interpreter's hot loop reads fields of runtime classes on
            // every call; dynamic exclusivity checks cost more than the work.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        .target(
            name: "AD",
            dependencies: ["Zy", "SourceMap"],
            // Tape operations run once per recorded value and read fields of
            // runtime classes (the tape's array); dynamic exclusivity checks
            // cost more than the work.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        .executableTarget(
            name: "zygote",
            dependencies: ["Zy", "AD", "SourceMap", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(
            name: "zygote-bench",
            dependencies: ["Zy", "AD", "SourceMap"]),
        .target(name: "TestSupport", dependencies: ["Zy", "SourceMap"], path: "Tests/TestSupport"),
        .testTarget(name: "SourceMapTests", dependencies: ["SourceMap"]),
        .testTarget(name: "ZyTests", dependencies: ["Zy", "SourceMap", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport"]),
        .testTarget(name: "ADTests", dependencies: ["AD", "Zy", "SourceMap", "TestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
