import Book
import Foundation
import Processes

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One page made by a child process: this same program, asked (`live-book page`) to run the
/// lesson and write the page into a folder of the server's. The child runs in a process group of
/// its own, and carries a mark in its environment that everything it starts inherits. A run whose
/// reader leaves is told to stop (SIGTERM, which stops its gnuplot and removes its files), then
/// killed with its whole group if it does not, and anything still marked is killed too.
struct ChildRun {
    let arguments: [String]
    /// Where the child writes; removed when the run is over, whatever happened.
    let folder: URL
    /// How long the run may take in all, in seconds.
    let limit: Double

    /// Runs the child and reads the page it wrote. The waiting is done on a thread of its own:
    /// stopping a child can take seconds, and Swift's shared threads must not wait that long.
    func page() async throws -> FinishedPage {
        let stop = StopFlag()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                Thread { continuation.resume(with: Result { try made(unless: stop) }) }.start()
            }
        } onCancel: {
            stop.raise()
        }
    }

    /// The run, from start to end, on the calling thread; `stop` raised ends it early.
    func made(unless stop: StopFlag) throws -> FinishedPage {
        // The server's pid first: a test finds every process of one server's runs by it.
        let marker = "BACKPROP_LIVE_RUN=\(getpid())-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        let mark = marker.split(separator: "=", maxSplits: 1)
        environment[String(mark[0])] = String(mark[1])
        let child = try PipedChild(
            ownPath, ["page"] + arguments + ["--into", folder.path], environment: environment)
        child.closeInput()
        // Each stream is read to its end, and closed there, by a thread of its own.
        let errors = Drain(child.errors)
        _ = Drain(child.output)
        let deadline = Date().addingTimeInterval(limit)
        var ending = child.ended(within: 0)
        while ending == nil, !stop.raised, Date() < deadline {
            ending = child.ended(within: 0.05)
        }
        if ending == nil { Self.stop(child, marker: marker) }
        Children.release(child.pid)
        guard let ending else {
            throw stop.raised
                ? PageFailure.cancelled
                : PageFailure.failed(
                    "the run took longer than \(Int(limit)) seconds and was stopped")
        }
        let said = errors.text.split(separator: "\n").last.map(String.init) ?? ""
        switch ending {
        case .exited(0):
            return try read()
        case .exited(64):
            throw PageFailure.refused(said)
        case .exited(let status):
            throw PageFailure.failed(said.isEmpty ? "the run ended with status \(status)" : said)
        case .signaled(let signal):
            throw PageFailure.failed("the run was ended by signal \(signal)")
        }
    }

    /// The page and pictures the child wrote.
    func read() throws -> FinishedPage {
        let html = try Data(contentsOf: folder.appendingPathComponent(LivePage.fileName))
        let charts = folder.appendingPathComponent(LivePage.chartsFolder)
        var pictures: [String: Data] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: charts.path)) ?? [] {
            pictures[name] = try Data(contentsOf: charts.appendingPathComponent(name))
        }
        return FinishedPage(html: html, charts: pictures)
    }

    /// Asks the child to stop, then stops it and its group, then anything it left that carries
    /// its mark.
    static func stop(_ child: PipedChild, marker: String) {
        kill(child.pid, SIGTERM)
        if child.ended(within: 2) == nil { child.stop() }
        killpg(child.pid, SIGKILL)
        stopProcesses(marked: marker)
    }

    /// This program's own path, to start it again as a child.
    var ownPath: String {
        Bundle.main.executableURL?.path ?? CommandLine.arguments[0]
    }
}

/// Reads a child's stream to its end on a thread of its own, so a chatty child never blocks on a
/// full pipe, and closes it there; keeps its first and last kilobytes.
final class Drain: @unchecked Sendable {
    private let lock = NSLock()
    private var kept = BoundedBytes()
    private let done = DispatchSemaphore(value: 0)

    init(_ fd: Int32) {
        let thread = Thread { [self] in
            // The handle closes the end once read: no other thread can be reading it then.
            let read = BoundedBytes.read(FileHandle(fileDescriptor: fd, closeOnDealloc: true))
            lock.withLock { kept = read }
            done.signal()
        }
        thread.start()
    }

    /// What was read, once the stream has ended (the child has exited and its group with it);
    /// nothing if it has not ended within 2 s.
    var text: String {
        _ = done.wait(timeout: .now() + 2)
        return lock.withLock { kept.text }
    }
}

/// Raised once, from any thread, to stop a run.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var isRaised = false

    var raised: Bool { lock.withLock { isRaised } }
    func raise() { lock.withLock { isRaised = true } }
}
