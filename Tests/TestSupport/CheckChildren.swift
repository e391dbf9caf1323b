import Foundation
import Processes

/// Check children built from exercise files, as `swift build` builds `exercise-check`: the
/// exercises compiled with every function replaceable, then linked with the child's own sources,
/// the basics and the channel, and nothing else. Each distinct set of files is built once.
public actor CheckChildren {
    public static let shared = CheckChildren()
    private var built: [String: Task<URL, any Error>] = [:]

    /// Why a set of files did not build: the compiler's or the linker's words.
    public struct DidNotBuild: Error, CustomStringConvertible {
        let said: String
        public var description: String { said }
    }

    /// A child holding `files` (file name → text), the stubs in place of every file not given.
    public func child(_ files: [String: String]) async throws -> URL {
        let key = files.sorted { $0.key < $1.key }.map { $0.key + "\u{0}" + $0.value }.joined(
            separator: "\u{1}")
        if let task = built[key] { return try await task.value }
        let task = Task { try await CheckChildren.make(files) }
        built[key] = task
        return try await task.value
    }

    public static func make(_ files: [String: String]) async throws -> URL {
        let root = try temporaryFolder("check-child")
        let exercises = root.appendingPathComponent("Exercises")
        try FileManager.default.createDirectory(at: exercises, withIntermediateDirectories: true)
        let stubs = projectFolder.appendingPathComponent("Sources/ExerciseKit/Stubs")
        for stub in try FileManager.default.contentsOfDirectory(atPath: stubs.path) {
            try FileManager.default.copyItem(
                at: stubs.appendingPathComponent(stub),
                to: exercises.appendingPathComponent(String(stub.dropLast(".stub".count))))
        }
        try FileManager.default.copyItem(
            at: projectFolder.appendingPathComponent("Exercises/Given.swift"),
            to: exercises.appendingPathComponent("Given.swift"))
        for (name, text) in files {
            let file = exercises.appendingPathComponent(name)
            try? FileManager.default.removeItem(at: file)
            try Data(text.utf8).write(to: file)
        }
        let sources = try FileManager.default.contentsOfDirectory(atPath: exercises.path)
            .filter { $0.hasSuffix(".swift") }.sorted().map {
                exercises.appendingPathComponent($0).path
            }
        let modules = build.appendingPathComponent("Modules").path
        try await compile(
            [
                "-parse-as-library", "-module-name", "Exercises", "-emit-module",
                "-emit-module-path", root.appendingPathComponent("Exercises.swiftmodule").path,
                "-Xfrontend", "-enable-implicit-dynamic", "-g", "-Onone", "-wmo", "-I", modules,
                "-c",
            ] + sources + ["-o", root.appendingPathComponent("ExercisesCode.o").path])
        let childSources = projectFolder.appendingPathComponent("Sources/exercise-check")
        let own = try FileManager.default.contentsOfDirectory(atPath: childSources.path)
            .filter { $0.hasSuffix(".swift") }.map { childSources.appendingPathComponent($0).path }
        var objects: [String] = []
        for target in ["BackpropBasics", "CheckChannel"] {
            let folder = build.appendingPathComponent("\(target).build")
            objects += try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { $0.hasSuffix(".swift.o") }.map { folder.appendingPathComponent($0).path }
        }
        let program = root.appendingPathComponent("exercise-check")
        try await compile(
            [
                "-g", "-Onone", "-module-name", "exercise_check", "-I", root.path, "-I", modules,
                "-Xcc",
                "-fmodule-map-file="
                    + build.appendingPathComponent("CProcessControl.build/module.modulemap").path,
            ] + own + [root.appendingPathComponent("ExercisesCode.o").path] + objects + [
                "-o", program.path,
            ])
        return program
    }

    /// Runs swiftc with `arguments`, asynchronously, so that no thread of the shared pool waits
    /// on the compiler.
    static func compile(_ arguments: [String]) async throws {
        let run = try await runToTheEnd(
            URL(fileURLWithPath: "/usr/bin/env"), ["swiftc"] + arguments, limit: 600)
        guard run.ending == .exited(0) else { throw DidNotBuild(said: run.printed + run.other) }
    }
}

/// The package's own folder.
public let projectFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

/// Copies the digits that ship with the lessons (their four gzipped IDX files) into `folder`.
public func copyShippedDigits(into folder: URL) throws {
    let shipped = projectFolder.appendingPathComponent("Sources/Datasets/Resources/mnist-small")
    for name in try FileManager.default.contentsOfDirectory(atPath: shipped.path) {
        try FileManager.default.copyItem(
            at: shipped.appendingPathComponent(name), to: folder.appendingPathComponent(name))
    }
}

/// The build folder the tests run from: its `Modules` hold what the exercises compile against.
public let build = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
