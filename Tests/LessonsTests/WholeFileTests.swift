import Foundation
import TestSupport
import Testing

@testable import LessonKit
@testable import LessonRunner
@testable import Lessons
@testable import Plotting

// Nothing half-written: a picture cut short never takes its final name, whether gnuplot stopped
// writing it or the disk filled up, and two runs into one folder each leave whole files.

extension Requirement {
    /// A small tmpfs to fill, for the full-disk test: mounting one needs root (as in CI).
    static let tmpfs = Requirement(
        "a small tmpfs (mounting one needs root)", variable: "REQUIRE_TMPFS", met: canMountTmpfs)
}

/// Whether a tmpfs can be mounted here (as root, as in CI): the full-disk test needs a small one.
let canMountTmpfs: Bool = {
    guard getuid() == 0, let folder = try? temporaryFolder() else { return false }
    defer { try? FileManager.default.removeItem(at: folder) }
    let mounted = shell("mount -t tmpfs -o size=16k tmpfs '\(folder.path)'") == 0
    if mounted { _ = shell("umount '\(folder.path)'") }
    return mounted
}()

/// Runs a command with /bin/sh and returns its exit status.
@discardableResult
func shell(_ command: String) -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return -1 }
    process.waitUntilExit()
    return process.terminationStatus
}

struct WholeFileTests {
    @Test("A gnuplot that writes half a PNG and exits 0 leaves no picture, and says so")
    func cutPicture() throws {
        // The PNG signature and the start of its header, and then nothing.
        let gnuplot = try fakeGnuplot(
            """
            outfile=$(cat | sed -n 's/^outfile = "\\(.*\\)"$/\\1/p')
            printf '\\211PNG\\r\\n\\032\\n\\0\\0\\0\\rIHDR' > "$outfile"
            exit 0
            """)
        let (lines, root) = try lesson3DrawingNothing(with: gnuplot)
        #expect(
            lines.contains { $0.contains("left path-on-curve.png cut short, so it was not kept") })
        let folder = root.appendingPathComponent(DescentInOneDimension.info.folderName)
        #expect(
            try files(in: folder) == [
                "path-on-curve.dat", "path-on-curve.gp", "progress.dat", "progress.gp",
            ])
        #expect(partialFiles(in: root).isEmpty)
    }

    @Test(
        """
        A book with no room on its disk is refused before a run is computed, saying how much it \
        needs and how much there is; before, it computed every run, then failed to write
        """,
        Requirement.tmpfs.trait)
    func bookDiskFull() throws {
        signal(SIGPIPE, SIG_IGN)
        let disk = try temporaryFolder()
        try #require(shell("mount -t tmpfs -o size=5m tmpfs '\(disk.path)'") == 0)
        defer { shell("umount '\(disk.path)'") }
        let log = try temporaryFolder().appendingPathComponent("started")
        let quiet = try fakeGnuplot("echo \"$*\" >> '\(log.path)'; exit 1")
        let small = #expect(throws: PlottingError.self) {
            try writeBook(
                of: [LearningRates.self], arguments: [], out: disk.path, all: false,
                timeLimit: 5, environment: LessonEnvironment(write: { _ in }, gnuplot: quiet))
        }
        #expect(
            small?.description.contains(
                "free, and the book takes up to 12.0 MB while it is written: free some space.")
                == true, "\(String(describing: small))")
        #expect(!FileManager.default.fileExists(atPath: log.path))
        #expect(try files(in: disk).isEmpty)
    }

    @Test(
        "On a disk that fills up, a picture is not kept and the lesson says the disk is full",
        Requirement.tmpfs.trait)
    func fullDisk() throws {
        let gnuplot = try #require(
            installedGnuplot, "gnuplot draws the picture that fills the disk")
        let disk = try temporaryFolder()
        // Room for the data and the script, not for the picture.
        try #require(shell("mount -t tmpfs -o size=40k tmpfs '\(disk.path)'") == 0)
        defer { shell("umount '\(disk.path)'") }
        let lesson = try DescentInOneDimension.parse(["--out", disk.path, "--quiet"])
        let error = #expect(throws: PlottingError.self) {
            try lesson.run(in: LessonEnvironment(write: { _ in }, gnuplot: gnuplot))
        }
        #expect(
            error?.description.hasSuffix("the disk is full") == true, "\(String(describing: error))"
        )
        let folder = disk.appendingPathComponent(DescentInOneDimension.info.folderName)
        let left = try files(in: folder)
        #expect(!left.contains { $0.hasSuffix(".png") }, "\(left)")
        #expect(partialFiles(in: disk).isEmpty, "\(left)")
    }

    @Test(
        """
        Two runs into one folder at once each finish, and leave whole files all from one of them
        """,
        Requirement.programs.trait, Requirement.gnuplot.trait)
    func twoRunsOneFolder() throws {
        let gnuplot = try #require(installedGnuplot, "REQUIRE_GNUPLOT=1 but gnuplot is not on PATH")
        let root = try temporaryFolder()
        let shared = root.appendingPathComponent("shared")
        let options = [["--lr", "0.1"], ["--lr", "0.5"]]
        let runs = try options.map { extra in
            try startLesson(
                ["3", "--out", shared.path, "--quiet", "--format", "both"] + extra,
                gnuplotFolder: URL(fileURLWithPath: gnuplot.executable).deletingLastPathComponent())
        }
        for (process, _) in runs {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        // Each run alone, for comparison.
        let alone = try options.map {
            try runLesson(DescentInOneDimension.self, $0 + ["--no-render"])
        }
        let folder = shared.appendingPathComponent(DescentInOneDimension.info.folderName)
        let data = ["path-on-curve.dat", "progress.dat"]
        let written = try data.map {
            try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)
        }
        let fromOne = try alone.contains { run in try data.map(run.file) == written }
        #expect(fromOne, "the data files mix the two runs")
        for name in try files(in: folder) where name.hasSuffix(".png") || name.hasSuffix(".svg") {
            let format = String(name.split(separator: ".").last!)
            #expect(
                isWholePicture(at: folder.appendingPathComponent(name), format: format), "\(name)")
        }
        #expect(partialFiles(in: root).isEmpty)
    }

    @Test(
        """
        A gnuplot that writes to its error stream without end is stopped at the time limit, and \
        the lesson stays within 1 GB
        """,
        Requirement.programs.trait)
    func floodingGnuplot() throws {
        let bin = try fakeGnuplotFolder(
            "cat > /dev/null & while true; do printf '%01000d\\n' 0 >&2; done")
        let folder = try temporaryFolder()
        let binary = try #require(lessonBinary).path
        let run = try measured(
            "ulimit -v 1000000; PATH='\(bin.path)':$PATH exec '\(binary)' 3 "
                + "--gnuplot-timeout 3 --out '\(folder.path)/out'")
        let said = run.errors
        // Exit 1 (not a death by a signal): the charts were not drawn, and each is said in one
        // line; no crash.
        #expect(run.status == 1, "\(said)")
        #expect(said.contains("could not be drawn"), "\(said)")
        #expect(!said.contains("Backtrace") && !said.contains("Fatal error"))
    }
}
