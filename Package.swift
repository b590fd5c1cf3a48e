// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "emend",
    products: [
        .library(name: "Emend", targets: ["Emend"]),
        .executable(name: "emend", targets: ["emend"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // The system ICU (Debian: libicu-dev), found through pkg-config.
        .systemLibrary(
            name: "ICUSystem",
            pkgConfig: "icu-i18n icu-uc",
            providers: [.apt(["libicu-dev"])]
        ),
        // Plain C wrappers over ICU: its headers rename every entry point through
        // macros (utrans_openU -> utrans_openU_72) that Swift cannot import.
        .target(name: "CICU", dependencies: ["ICUSystem"]),
        // The C library's allocator controls (malloc.h), for the command's heap policy.
        .systemLibrary(name: "MallocSystem"),
        // A prefetch hint (a header alone), for the survey's table look-ups.
        .systemLibrary(name: "CacheHints"),
        .target(
            name: "Emend",
            dependencies: ["CICU", "CacheHints", .product(name: "Yams", package: "Yams")]
        ),
        .executableTarget(
            name: "emend",
            dependencies: ["Emend", "CICU", "MallocSystem", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // What both test targets share: the scratch folder, the quick/full switch.
        .target(name: "EmendTestSupport", path: "Tests/Support"),
        .testTarget(name: "EmendTests", dependencies: ["Emend", "EmendTestSupport"], exclude: ["Gold", "Fixtures"]),
        .testTarget(name: "EmendCLITests", dependencies: ["emend", "EmendTestSupport"]),
    ]
)
