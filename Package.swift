// swift-tools-version: 6.1
// Backprop Lessons: numbered, runnable lessons that turn two backpropagation videos into programs.
//
// The dependencies only ever point down: lesson (the command) → LessonRunner → Lessons and Book →
// LessonKit → Claims → Experiments → TunedNetwork → Backprop → BackpropBasics; Lessons → Figures
// → Plotting → Processes; live-book (the live book's server) → LessonRunner and Book;
// exercises → exercise-check → Exercises → BackpropBasics (the check child holds no library code).
// docs/architecture.md lists every target's dependencies (a test compares the three).
// Backprop knows nothing about printing or plotting; Plotting knows nothing about the math.
import PackageDescription

let argumentParser: Target.Dependency = .product(
    name: "ArgumentParser", package: "swift-argument-parser")
let propertyBased: Target.Dependency = .product(
    name: "PropertyBased", package: "swift-property-based")
/// The live book's server and what it names of SwiftNIO's, with the LiveBook trait only.
let server: [Target.Dependency] = [
    ("Hummingbird", "hummingbird"), ("HummingbirdCore", "hummingbird"),
    ("HTTPTypes", "swift-http-types"), ("Logging", "swift-log"), ("NIOCore", "swift-nio"),
    ("ServiceLifecycle", "swift-service-lifecycle"),
].map { .product(name: $0, package: $1, condition: .when(traits: ["LiveBook"])) }

let package = Package(
    name: "BackpropLessons",
    // Executables only: Backprop and CKernels are always compiled optimised (unsafeFlags below),
    // which SwiftPM allows in a root package but not in a library another package depends on.
    products: [
        .executable(name: "lesson", targets: ["lesson"]),
        .executable(name: "bench", targets: ["bench"]),
        .executable(name: "exercises", targets: ["exercises"]),
        .executable(name: "live-book", targets: ["live-book"]),
    ],
    // Talk to gnuplot through the C++ gnuplot-iostream library instead of a plain pipe:
    //   swift build --traits GnuplotIostream   (needs: apt-get install libgnuplot-iostream-dev)
    traits: [
        // The live book's server (Hummingbird, on SwiftNIO): `swift run --traits LiveBook
        // live-book`. Off unless asked for, so that SwiftNIO is neither fetched nor built for a
        // lesson or the tests that do not start it.
        .trait(
            name: "LiveBook",
            description:
                "Build the live book's web server (`swift run --traits LiveBook live-book`)."),
        .trait(
            name: "GnuplotIostream",
            description:
                "Drive gnuplot through gnuplot-iostream (C++, Boost) instead of a Swift pipe."),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing", from: "1.19.7"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.5.0"),
        .package(url: "https://github.com/JohnSundell/Plot", from: "0.14.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // What Hummingbird stands on, named for the live book's own use: its log, its channel
        // handler that hears a reader leave, and its graceful stop.
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // The math: derivatives, loss curves, gradient descent, the network and backpropagation.
        // Always compiled optimised: in a debug build the digit network's 13,002-parameter
        // gradient checks would otherwise run about a hundred times slower.
        .target(
            name: "Backprop", dependencies: ["BackpropBasics", "CKernels"],
            swiftSettings: [.unsafeFlags(["-O"])]),
        // What an exercise may use, and nothing more: the types (Matrix, Network and its forward
        // pass, Example, Gradient), σ and σ′, and the helpers for a random order. The training,
        // the backward pass and the reference answers stay in Backprop, out of an exercise's
        // reach. Backprop re-exports it.
        .target(name: "BackpropBasics", swiftSettings: [.unsafeFlags(["-O"])]),
        // The tuned network: the readable network's math in Float, a mini-batch at a time, its
        // parameters in one aligned buffer and its inner loops in C kernels. Always compiled
        // optimised, like the math it is checked against.
        .target(
            name: "TunedNetwork", dependencies: ["Backprop", "CKernels"],
            swiftSettings: [.unsafeFlags(["-O"])]),
        // The two tuned inner loops of mini-batch training (AVX2 and FMA where the processor has
        // them).
        .target(name: "CKernels", cSettings: [.unsafeFlags(["-O3"])]),
        // zlib from the system, to read gzipped data.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        // Data sets: the IDX reader, MNIST and the small subset that ships with the lessons.
        .target(
            name: "Datasets", dependencies: ["Backprop", "TunedNetwork", "CZlib"],
            resources: [.copy("Resources/mnist-small")], swiftSettings: [.unsafeFlags(["-O"])]),
        // The process's lifetime, in one place: children kept on a leash (time limits, their
        // process groups stopped with them, an end heard even when their own children keep
        // Foundation from hearing it), the files being written, Ctrl-C and SIGTERM, and what to
        // put back (the terminal's settings).
        // Short helpers (gnuplot's --version, one exercise's check) run with swift-subprocess.
        .target(
            name: "Processes",
            dependencies: [
                "CProcessControl",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(
                    name: "SystemPackage", package: "swift-system",
                    condition: .when(platforms: [.linux])),
            ]),
        // Data files, gnuplot scripts and rendering them with gnuplot.
        // Compiled optimised: a surface's grid and a long path are built even when the tests only
        // look at a run's claims.
        .target(
            name: "Plotting",
            dependencies: [
                "Processes",
                .target(
                    name: "GnuplotIostreamBridge", condition: .when(traits: ["GnuplotIostream"])),
            ], swiftSettings: [.unsafeFlags(["-O"])]),
        // The C face of gnuplot-iostream; empty, and linked against nothing, without the trait.
        .target(
            name: "GnuplotIostreamBridge",
            cxxSettings: [.define("BACKPROP_GNUPLOT_IOSTREAM", .when(traits: ["GnuplotIostream"]))],
            linkerSettings: ["boost_iostreams", "boost_system", "boost_filesystem"].map {
                .linkedLibrary($0, .when(traits: ["GnuplotIostream"]))
            }),
        // What each lesson computes, as types that return structured results: no printing, no
        // plots.
        // Compiled optimised like Backprop: the tests run every experiment hundreds of times.
        .target(
            name: "Experiments", dependencies: ["Backprop", "TunedNetwork", "Datasets"],
            swiftSettings: [.unsafeFlags(["-O"])]),
        // Sentences about a run as values (claims), chosen from an experiment's result and put
        // into words in one place; the numbers and tables they are written with.
        .target(name: "Claims", dependencies: ["Backprop", "Experiments"]),
        // Kinds of figure by meaning (a path on its curve, loss by step, a rate sweep), drawn from
        // an experiment's result with the plotting vocabulary.
        .target(
            name: "Figures", dependencies: ["Backprop", "Experiments", "Claims", "Plotting"],
            swiftSettings: [.unsafeFlags(["-O"])]),
        // What every lesson shares: the Lesson protocol, common options, narration and tables.
        .target(
            name: "LessonKit",
            dependencies: [
                "Backprop", "Experiments", "Claims", "Plotting", "Processes", argumentParser,
            ]),
        // The lessons themselves, one numbered file each.
        .target(
            name: "Lessons",
            dependencies: [
                "Backprop", "Datasets", "Experiments", "Claims", "Figures", "Plotting", "Processes",
                "LessonKit", argumentParser,
            ],
            path: "Lessons"),
        // The lesson book: every lesson as a web page (HTML built with Plot) to read, explore with
        // a slider and print as a handout, made from the lessons' own runs.
        .target(
            name: "Book",
            dependencies: [
                "LessonKit", "Claims", "Plotting", "Processes", "ExerciseKit", argumentParser,
                .product(name: "Plot", package: "Plot"),
            ],
            resources: [
                .copy("Resources/book.css"), .copy("Resources/book.js"),
                .copy("Resources/live.js"),
            ]),
        // The runner: list the lessons, run one by number or slug, run them all, write the book.
        .target(
            name: "LessonRunner",
            dependencies: [
                "Lessons", "LessonKit", "Book", "Plotting", "Processes", argumentParser,
            ]),
        // `swift run lesson …`: the command itself, a one-line wrapper around the runner.
        .executableTarget(name: "lesson", dependencies: ["LessonRunner"]),
        // `swift run --traits LiveBook live-book`: the lesson book served live, every option of
        // every lesson a control, each run made by a child process of its own (the same program,
        // asked to write one page), on Hummingbird (with the LiveBook trait only).
        .executableTarget(
            name: "live-book",
            dependencies: [
                "Book", "LessonRunner", "Lessons", "LessonKit", "Plotting", "Processes",
                argumentParser,
            ] + server),
        // `swift run -c release bench`: seconds per training epoch, tuned kernels against plain
        // ones.
        .executableTarget(
            name: "bench",
            dependencies: [
                "Backprop", "TunedNetwork", "CKernels", "Datasets", "Experiments", "LessonKit",
                argumentParser,
            ]),

        // The learner's exercises: stubs to complete, in a target of their own, so a half-written
        // one never stops `swift run lesson` from building. It sees BackpropBasics only, so an
        // exercise can only pass with the learner's own code. Compiled as written (no -O), so a
        // bad index stops with Swift's message and the learner's file and line.
        // Every function in it can be replaced at run time (`-enable-implicit-dynamic`), so that
        // the check child can count the calls exercises 8 and 9 make and substitute the checker's
        // answer for one function at a time.
        .target(
            name: "Exercises", dependencies: ["BackpropBasics"], path: "Exercises",
            swiftSettings: [.unsafeFlags(["-Xfrontend", "-enable-implicit-dynamic"])]),
        // What the checker and its child say to each other: calls, answers, the nonce's framing.
        // It sees BackpropBasics only.
        .target(name: "CheckChannel", dependencies: ["BackpropBasics"]),
        // The check child: the learner's exercises, the basics and the channel, and nothing of the
        // library, so no check can pass by reaching the library's answers.
        .executableTarget(
            name: "exercise-check", dependencies: ["Exercises", "CheckChannel", "CProcessControl"]),
        // prctl, which Swift's Glibc module does not import: a subreaper and a signal on the
        // parent's death (Linux only).
        .target(name: "CProcessControl"),
        // The checker: random cases against the library's answers, and the classic mistakes named.
        .target(
            name: "ExerciseKit",
            dependencies: ["Backprop", "Datasets", "Processes", "CheckChannel"],
            resources: [.copy("Stubs")]),
        // `swift run exercises`: list, check, hint, reset, train.
        .executableTarget(
            name: "exercises",
            dependencies: [
                "ExerciseKit", "Datasets", "LessonKit", "Processes", "exercise-check",
                argumentParser,
            ]),

        // What the test targets share: temporary folders, the REQUIRE_ switches, a private tmux,
        // and running a lesson as a test sees it.
        .target(
            name: "TestSupport", dependencies: ["LessonKit", "Plotting", "Processes"],
            path: "Tests/TestSupport"),
        .testTarget(
            name: "BackpropTests",
            dependencies: ["TestSupport", "Backprop", "TunedNetwork", "Experiments"]),
        .testTarget(name: "DatasetsTests", dependencies: ["TestSupport", "Datasets", "Backprop"]),
        .testTarget(name: "PlottingTests", dependencies: ["TestSupport", "Plotting", "Processes"]),
        .testTarget(
            name: "LessonKitTests",
            dependencies: [
                "TestSupport",
                "LessonKit", "LessonRunner", "Lessons", "Backprop", "Experiments", "Plotting",
                argumentParser,
            ]),
        .testTarget(
            name: "ExerciseKitTests",
            dependencies: [
                "TestSupport",
                "ExerciseKit", "Backprop", "TunedNetwork", "Processes",
            ]),
        .testTarget(
            name: "LessonsTests",
            dependencies: [
                "TestSupport",
                "Lessons", "LessonKit", "LessonRunner", "Book", "Backprop", "Datasets", "Plotting",
                "Processes", "Experiments", "Claims", "Figures", "ExerciseKit",
            ]),
        // What each figure kind writes, pinned as snapshots.
        .testTarget(
            name: "FiguresTests",
            dependencies: [
                "TestSupport",
                "Figures", "Experiments", "Backprop", "Datasets", "Plotting",
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
            ],
            exclude: ["__Snapshots__"]),
        // Generated runs: every claim a lesson makes, checked from the raw numbers on hundreds of
        // generated runs; generated command lines, each with the exit it must give; and a lesson
        // that exists only here, added to the catalogue and nowhere else.
        .testTarget(
            name: "ClaimsTests",
            dependencies: [
                "TestSupport",
                "Lessons", "LessonKit", "LessonRunner", "Book", "Backprop", "Datasets",
                "Experiments",
                "Claims", "Figures", "Plotting", argumentParser, propertyBased,
            ],
            // Optimised like the experiments: the checkers redo each run's arithmetic by hand.
            swiftSettings: [.unsafeFlags(["-O"])]),
    ]
)
