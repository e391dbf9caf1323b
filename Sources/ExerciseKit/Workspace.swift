import Foundation

/// The `Exercises` folder of the project the command runs in, and the pristine stubs that ship
/// with the command, for `reset`.
public struct Workspace: Sendable {
    public let folder: URL

    public init(folder: URL) {
        self.folder = folder
    }

    /// The `Exercises` folder under the current folder; the command runs from the project.
    public static func here() throws -> Workspace {
        let folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .appendingPathComponent("Exercises")
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder),
            isFolder.boolValue
        else {
            throw CommandError(
                "there is no Exercises folder here; run `swift run exercises` from the project's "
                    + "folder"
            )
        }
        return Workspace(folder: folder)
    }

    /// How many hints of each exercise have been shown, kept in `Exercises/.hints`.
    public var hintsShown: [Int: Int] {
        Dictionary(
            record(".hints").compactMap { number, count in Int(count).map { (number, $0) } },
            uniquingKeysWith: max)
    }

    public func recordHint(_ number: Int, shown: Int) throws {
        var counts = hintsShown
        counts[number] = shown
        try write(counts.mapValues(String.init), to: ".hints")
    }

    /// The day each exercise was first found right, kept in `Exercises/.progress` ("4 2026-11-30"
    /// a line). It stays when the file changes or is reset: it is a record, not a status.
    public var progress: [Int: String] {
        Dictionary(record(".progress"), uniquingKeysWith: min)
    }

    /// Records that `number` is right on `date` (a day, "2026-11-30"), unless it was already.
    public func recordDone(_ number: Int, on date: Date = Date()) throws {
        var days = progress
        guard days[number] == nil else { return }
        days[number] = Workspace.day(date)
        try write(days, to: ".progress")
    }

    /// The lines "exercise value" of the hidden file `name` in the folder; none if it is not there,
    /// and lines of any other shape left out.
    private func record(_ name: String) -> [(Int, String)] {
        let text =
            (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ").map(String.init)
            guard parts.count == 2, let number = Int(parts[0]) else { return nil }
            return (number, parts[1])
        }
    }

    /// Writes `values` as the lines "exercise value", in the exercises' order, replacing `name`
    /// whole.
    private func write(_ values: [Int: String], to name: String) throws {
        let text = values.keys.sorted().map { "\($0) \(values[$0]!)" }.joined(separator: "\n")
        try Data((text + "\n").utf8).write(
            to: folder.appendingPathComponent(name), options: .atomic)
    }

    /// "2026-11-30", in the learner's own time zone.
    public static func day(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }

    /// Puts the stub of `exercise` back, first keeping the learner's file beside it as a hidden
    /// `.NN-Name.swift.mine` (numbered if one is there already), which the build does not compile.
    public func reset(_ exercise: Exercise) throws -> URL? {
        guard let pristine = Workspace.stub(of: exercise) else {
            throw CommandError("the stub of exercise \(exercise.number) is missing from this build")
        }
        let file = folder.appendingPathComponent(exercise.file)
        var kept: URL?
        if let mine = try? Data(contentsOf: file), mine != pristine {
            var copy = folder.appendingPathComponent(".\(exercise.file).mine")
            var n = 2
            while FileManager.default.fileExists(atPath: copy.path) {
                copy = folder.appendingPathComponent(".\(exercise.file).mine-\(n)")
                n += 1
            }
            try mine.write(to: copy)
            kept = copy
        }
        try pristine.write(to: file, options: .atomic)
        return kept
    }
}

/// A failure of the command, said in one line.
public struct CommandError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension Workspace {
    /// The stub of `exercise`, as it ships.
    public static func stub(of exercise: Exercise) -> Data? {
        Bundle.module.url(forResource: "Stubs/\(exercise.file)", withExtension: "stub").flatMap {
            try? Data(contentsOf: $0)
        }
    }

    /// Whether every exercise file is still the stub it shipped as.
    public var isPristine: Bool {
        exerciseCatalog.allSatisfy { exercise in
            Workspace.stub(of: exercise)
                == (try? Data(contentsOf: folder.appendingPathComponent(exercise.file)))
        }
    }
}
