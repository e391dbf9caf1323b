import Foundation

/// The temporary files being written right now, so that Ctrl-C can remove them and leave only
/// complete files behind.
public enum PartialFiles {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var paths: Set<String> = []

    static func begin(_ url: URL) {
        lock.withLock { _ = paths.insert(url.path) }
    }

    static func end(_ url: URL) {
        lock.withLock { _ = paths.remove(url.path) }
    }

    /// Removes every file still being written.
    public static func removeAll() {
        let pending = lock.withLock { paths }
        for path in pending { unlink(path) }
    }

    /// The files being written now (for the tests).
    public static var pending: Set<String> { lock.withLock { paths } }
}

/// The gnuplot processes running now, so that Ctrl-C stops them with the lesson.
enum Children {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var running: [Int32: Process] = [:]
    nonisolated(unsafe) private static var others: Set<Int32> = []
    /// Set by Ctrl-C: the program is ending, and no gnuplot may start after the others were stopped.
    nonisolated(unsafe) private static var stopping = false

    /// Starts `process` and remembers it; under the lock, so Ctrl-C cannot slip in between.
    static func start(_ process: Process) throws {
        let started = try lock.withLock { () -> Bool in
            guard !stopping else { return false }
            try process.run()
            running[process.processIdentifier] = process
            return true
        }
        if !started { waitForTheEnd() }
    }

    /// After Ctrl-C a lesson that goes on to its next chart waits here until the program ends.
    private static func waitForTheEnd() -> Never {
        while true { sleep(60) }
    }

    static func finished(_ process: Process) {
        lock.withLock { _ = running.removeValue(forKey: process.processIdentifier) }
    }

    /// A gnuplot started some other way (by the gnuplot-iostream backend's shell), known by its process id.
    static func adopt(_ pid: Int32) {
        let adopted = lock.withLock { () -> Bool in
            if !stopping { others.insert(pid) }
            return !stopping
        }
        if !adopted { kill(pid, SIGKILL); waitForTheEnd() }
    }
    static func release(_ pid: Int32) { lock.withLock { _ = others.remove(pid) } }

    /// Stops every gnuplot still running and waits until it has gone.
    static func stopAll() {
        let (processes, pids) = lock.withLock {
            stopping = true
            return (Array(running.values), others)
        }
        for process in processes where process.isRunning { kill(process.processIdentifier, SIGKILL) }
        for pid in pids { kill(pid, SIGKILL) }
        for process in processes {
            _ = waitForExit(process, limit: 5)
            // Ended, but Foundation cannot hear it (a child of gnuplot holds its socket): reap it here.
            if process.isRunning { var status: Int32 = 0; waitpid(process.processIdentifier, &status, WNOHANG) }
        }
        for pid in pids { var status: Int32 = 0; waitpid(pid, &status, 0) }
    }
}

/// What Ctrl-C does to a running lesson: stops gnuplot, removes the files being written, keeps the
/// finished ones, says so in one line, and ends with status 130 (the shell's "stopped by Ctrl-C").
public enum Interruption {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
    nonisolated(unsafe) private static var hooks: [() -> Void] = []
    private static let lock = NSLock()

    /// Something to put back before the program ends on Ctrl-C, such as the terminal's settings.
    public static func beforeExit(_ hook: @escaping () -> Void) {
        lock.withLock { hooks.append(hook) }
    }

    /// Installs the handling. The signal itself only wakes a dispatch queue; the work (locks, killing
    /// gnuplot, removing files) happens there, where it is safe, never inside a signal handler.
    public static func install() {
        // Writing to a gnuplot that has quit must be an error we report, not a silent death.
        signal(SIGPIPE, SIG_IGN)
        // Ignoring the signal hands it to the dispatch source instead of ending the program at once.
        for (number, status) in [(SIGINT, Int32(130)), (SIGTERM, Int32(143))] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global(qos: .userInitiated))
            source.setEventHandler {
                lock.withLock { hooks }.forEach { $0() }
                Children.stopAll()
                PartialFiles.removeAll()
                fflush(nil)
                FileHandle.standardError.write(Data("\nStopped: gnuplot was stopped and the unfinished files were removed; finished charts are kept.\n".utf8))
                _exit(status)
            }
            source.resume()
            sources.append(source)
        }
    }
}
