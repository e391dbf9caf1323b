import ChildProcesses
import Foundation

/// The temporary files being written right now, so that Ctrl-C can remove them and leave only
/// complete files behind.
public enum PartialFiles {
    /// What a run stopped by a signal says as it goes.
    static let stopped =
        "\nStopped: gnuplot was stopped and the unfinished files were removed; finished charts "
        + "are kept.\n"

    private static let lock = NSLock()
    nonisolated(unsafe) private static var paths: Set<String> = []
    /// The files this program writes itself (not gnuplot): a write is quick, so Ctrl-C can wait for
    /// it.
    nonisolated(unsafe) private static var ownWrites: Set<String> = []
    /// Set by Ctrl-C: from then on no file may be begun, and a write still under way removes its
    /// own file.
    nonisolated(unsafe) private static var stopping = false

    /// Remembers `url` as unfinished; `ownWrite` when this program writes the bytes, not gnuplot.
    static func begin(_ url: URL, ownWrite: Bool = false) {
        let allowed = lock.withLock { () -> Bool in
            if !stopping {
                paths.insert(url.path)
                if ownWrite { ownWrites.insert(url.path) }
            }
            return !stopping
        }
        if !allowed { parkUntilTheEnd() }
    }

    static func end(_ url: URL) {
        let stopped = lock.withLock { () -> Bool in
            paths.remove(url.path)
            ownWrites.remove(url.path)
            return stopping
        }
        // Ctrl-C came while this file was being written: it may have been made after the others
        // were removed, so it removes itself, and the writer goes no further.
        if stopped {
            unlink(url.path)
            parkUntilTheEnd()
        }
    }

    /// Removes every file still being written. A write of our own caught between creating its file
    /// and finishing it would make the file again, so this waits (a second at most) until each such
    /// write has noticed and removed its own file. gnuplot's files need no wait: it was stopped
    /// first.
    public static func removeAll() {
        lock.withLock { stopping = true }
        let deadline = Date().addingTimeInterval(1)
        while true {
            let (pending, writing) = lock.withLock { (paths, ownWrites) }
            for path in pending { unlink(path) }
            if writing.isEmpty || Date() > deadline { return }
            usleep(2_000)
        }
    }
}

/// After Ctrl-C, a lesson thread that goes on to its next file or chart waits here until the
/// program ends.
func parkUntilTheEnd() -> Never {
    while true { sleep(60) }
}

/// The gnuplot processes running now, so that Ctrl-C stops them with the lesson.
enum Children {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var running: [Int32: Process] = [:]
    nonisolated(unsafe) private static var others: Set<Int32> = []
    /// Set by Ctrl-C: the program is ending, and no gnuplot may start after the others were
    /// stopped.
    nonisolated(unsafe) private static var stopping = false

    /// Starts `process` and remembers it; under the lock, so Ctrl-C cannot slip in between.
    static func start(_ process: Process) throws {
        let started = try lock.withLock { () -> Bool in
            guard !stopping else { return false }
            try process.run()
            running[process.processIdentifier] = process
            return true
        }
        if !started { parkUntilTheEnd() }
    }

    /// Forgets a gnuplot that has ended. One that Ctrl-C stopped is not gnuplot's failure to
    /// report:
    /// its caller goes no further, and the program ends with Ctrl-C's status.
    static func finished(_ process: Process) {
        let stopped = lock.withLock { () -> Bool in
            running.removeValue(forKey: process.processIdentifier)
            return stopping
        }
        // Whatever gnuplot left running in its process group (a plot window, a shell's child)
        // goes with it.
        killpg(process.processIdentifier, SIGKILL)
        if stopped { parkUntilTheEnd() }
    }

    /// A gnuplot started some other way (by the gnuplot-iostream backend's shell), known by its
    /// process id.
    static func adopt(_ pid: Int32) {
        let adopted = lock.withLock { () -> Bool in
            if !stopping { others.insert(pid) }
            return !stopping
        }
        if !adopted {
            kill(pid, SIGKILL)
            parkUntilTheEnd()
        }
    }

    /// Forgets an adopted gnuplot that has ended; after Ctrl-C, as with `finished`, its caller goes
    /// no further.
    static func release(_ pid: Int32) {
        let stopped = lock.withLock { () -> Bool in
            others.remove(pid)
            return stopping
        }
        if stopped { parkUntilTheEnd() }
    }

    /// Stops every gnuplot still running and waits until it has gone.
    static func stopAll() {
        let (processes, pids) = lock.withLock {
            stopping = true
            return (Array(running.values), others)
        }
        for process in processes {
            kill(process.processIdentifier, SIGKILL)
            killpg(process.processIdentifier, SIGKILL)
        }
        for pid in pids {
            kill(pid, SIGKILL)
            killpg(pid, SIGKILL)
        }
        for process in processes {
            _ = waitForExit(process, limit: 5)
            // Ended, but Foundation cannot hear it (a child of gnuplot holds its socket): reap it
            // here.
            if process.isRunning {
                var status: Int32 = 0
                waitpid(process.processIdentifier, &status, WNOHANG)
            }
        }
        for pid in pids {
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
    }
}

/// What Ctrl-C does to a running lesson: stops gnuplot, removes the files being written, keeps the
/// finished ones, says so in one line, and ends with status 130 (the shell's "stopped by Ctrl-C").
public enum Interruption {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
    nonisolated(unsafe) private static var hooks: [() -> Void] = []
    nonisolated(unsafe) private static var underWay = false
    private static let lock = NSLock()

    /// Called before the program ends on its own: if Ctrl-C is being handled at that moment, the
    /// handling finishes the program (status 130), so a run caught at its very end says nothing
    /// more.
    public static func waitIfUnderWay() {
        if lock.withLock({ underWay }) { parkUntilTheEnd() }
    }

    /// Something to put back before the program ends on Ctrl-C, such as the terminal's settings.
    public static func beforeExit(_ hook: @escaping () -> Void) {
        lock.withLock { hooks.append(hook) }
    }

    /// Installs the handling. The signal itself only wakes a dispatch queue; the work (locks,
    /// killing gnuplot, removing files) happens there, where it is safe, never inside a signal
    /// handler.
    public static func install() {
        // Writing to a gnuplot that has quit must be an error we report, not a silent death.
        signal(SIGPIPE, SIG_IGN)
        // Ignoring the signal hands it to the dispatch source instead of ending the program at
        // once.
        for (number, status) in [(SIGINT, Int32(130)), (SIGTERM, Int32(143))] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(
                signal: number, queue: .global(qos: .userInitiated))
            source.setEventHandler {
                lock.withLock {
                    underWay = true
                    return hooks
                }.forEach { $0() }
                Children.stopAll()
                PartialFiles.removeAll()
                fflush(nil)
                FileHandle.standardError.write(
                    Data(PartialFiles.stopped.utf8))
                _exit(status)
            }
            source.resume()
            sources.append(source)
        }
    }
}
