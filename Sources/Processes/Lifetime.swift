import CProcessControl
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one owner of what a run must undo when it is stopped: the children it started, the files
/// being written, and what to put back (the terminal's settings). Every piece of that state lives
/// here, behind one lock; `Children`, `PartialFiles` and `Interruption` are its faces.
///
/// When Ctrl-C or SIGTERM comes, `stopping` is set first, under the lock: from then on no child
/// may start and no file may be begun, so nothing slips in between the clean-up and the end.
final class Lifetime: @unchecked Sendable {
    static let shared = Lifetime()

    private let lock = NSLock()
    /// Children started with `Process`, by process id, and those started some other way.
    private var running: [Int32: Process] = [:]
    private var others: Set<Int32> = []
    /// Files being written, and among them those this program writes itself (not gnuplot).
    private var partial: Set<String> = []
    private var ownWrites: Set<String> = []
    /// What to put back before the program ends on a signal.
    private var hooks: [() -> Void] = []
    private var sources: [DispatchSourceSignal] = []
    /// Set by a terminating signal: the program is ending.
    private var stopping = false
    /// Children being started some other way (swift-subprocess, a shell) and not yet adopted: a
    /// signal that comes between their start and their adoption waits for them to be known.
    private var starting = 0

    private init() {}

    /// Runs `body` under the lock, unless the program is stopping; then this thread waits for the
    /// end instead.
    func unlessStopping<T>(_ body: () throws -> T) rethrows -> T {
        let result: T? = try lock.withLock { stopping ? nil : try body() }
        guard let result else { parkUntilTheEnd() }
        return result
    }

    /// Runs `body` under the lock; afterwards, if the program is stopping, `then` runs and this
    /// thread waits for the end.
    func andIfStopping(_ body: () -> Void, then: () -> Void = {}) {
        let stopped = lock.withLock { () -> Bool in
            body()
            return stopping
        }
        if stopped {
            then()
            parkUntilTheEnd()
        }
    }

    // MARK: Children

    func start(_ process: Process) throws {
        try unlessStopping {
            try process.run()
            running[process.processIdentifier] = process
        }
    }

    func finished(_ process: Process) {
        andIfStopping { running.removeValue(forKey: process.processIdentifier) }
        // Whatever the child left running in its process group (a plot window, a shell's
        // background job) goes with it.
        killpg(process.processIdentifier, SIGKILL)
    }

    func willStart() {
        unlessStopping { starting += 1 }
    }

    /// A child announced by `willStart` has started as `pid`, or (nil) never started. One that
    /// started after a signal came is stopped with its group here, under the lock, before the
    /// signal's clean-up can see that nothing is starting any more and end the program.
    func started(_ pid: Int32?) {
        let adopted = lock.withLock { () -> Bool in
            starting -= 1
            guard let pid else { return true }
            if stopping {
                kill(pid, SIGKILL)
                killpg(pid, SIGKILL)
                return false
            }
            others.insert(pid)
            return true
        }
        if !adopted { parkUntilTheEnd() }
    }

    /// Waits, at most `limit` seconds, until no child is between its start and its adoption.
    func waitForStarts(limit: Double) {
        let deadline = Date().addingTimeInterval(limit)
        while lock.withLock({ starting }) > 0, Date() < deadline { usleep(2_000) }
    }

    func release(_ pid: Int32) {
        andIfStopping { others.remove(pid) }
        // When it led a process group of its own, whatever it left there goes with it. (No group
        // has this id otherwise: a group's id is its leader's process id.)
        killpg(pid, SIGKILL)
    }

    // MARK: Partial files

    func begin(_ url: URL, ownWrite: Bool) {
        unlessStopping {
            partial.insert(url.path)
            if ownWrite { ownWrites.insert(url.path) }
        }
    }

    func end(_ url: URL) {
        // A signal came while this file was being written: it may have been made after the
        // others were removed, so it removes itself, and the writer goes no further.
        andIfStopping(
            {
                partial.remove(url.path)
                ownWrites.remove(url.path)
            }, then: { removeUnfinished(url.path) })
    }

    /// Removes an unfinished file, or an unfinished folder with everything in it. A folder is
    /// first moved aside under a name nobody knows: a thread still at work by the old name (a
    /// picture renamed into place as its gnuplot was stopped) then finds no folder, instead of
    /// putting a file back in one half removed.
    func removeUnfinished(_ path: String) {
        if unlink(path) == 0 { return }
        let url = URL(fileURLWithPath: path)
        let aside = url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).\(UUID().uuidString).removing")
        let target = rename(path, aside.path) == 0 ? aside.path : path
        try? FileManager.default.removeItem(atPath: target)
    }

    // MARK: Stopping

    func beforeExit(_ hook: @escaping () -> Void) {
        lock.withLock { hooks.append(hook) }
    }

    var isStopping: Bool { lock.withLock { stopping } }

    /// Stops every child and its process group, and waits until each has gone.
    func stopChildren() {
        defer { stopEscaped() }
        let (processes, pids) = lock.withLock { (Array(running.values), others) }
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
            // Ended, but Foundation cannot hear it (a child of the child holds its socket): reap
            // it here.
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

    /// Removes every file still being written. A write of our own caught between creating its
    /// file and finishing it would make the file again, so this waits (a second at most) until
    /// each such write has noticed and removed its own file. A child's files need no wait: it was
    /// stopped first.
    func removePartialFiles() {
        let deadline = Date().addingTimeInterval(1)
        while true {
            let (pending, writing) = lock.withLock { (partial, ownWrites) }
            for path in pending { removeUnfinished(path) }
            if writing.isEmpty || Date() > deadline { return }
            usleep(2_000)
        }
    }

    /// The signals that end a run, each handled as Ctrl-C is: a closed terminal (HUP), Ctrl-C
    /// (INT), Ctrl-\\ (QUIT), `kill` (TERM), and the user's and the alarm's signals.
    static let terminating = [SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGALRM]

    /// Every terminating signal: put back what was changed, stop the children, remove the
    /// unfinished files, say so in one line, and end with the shell's status for the signal
    /// (128 + its number). The signal only wakes a dispatch queue; the work happens there, never
    /// inside a signal handler. Ctrl-Z puts the terminal back before the run stops, and takes it
    /// again when the run goes on.
    /// Set in this program's environment once signals are handled, and so inherited by every
    /// process it starts and theirs: what left the process group (a gnuplot's child in a session
    /// of its own) is still found by it and stopped.
    let runMarker = "BACKPROP_RUN=" + String(UInt64.random(in: 1...UInt64.max), radix: 16)

    /// Stops every process that carries this run's marker, wherever it went (Linux).
    func stopEscaped() {
        guard ProcessInfo.processInfo.environment["BACKPROP_RUN"] != nil else { return }
        stopProcesses(marked: runMarker)
    }

    /// A shell that waits on a pipe only this program holds: when the program ends without
    /// dismissing it (SIGKILL cannot be caught), the pipe closes and the shell stops every process
    /// that carries this run's marker. Linux only: it reads /proc.
    private var guardian: PipedChild?

    /// What the guard runs: wait for a line; unless it is `done`, kill every marked process.
    static let guardScript =
        "read -r said; [ \"$said\" = done ] && exit 0; "
        + "for f in $(grep -slzxF \"BACKPROP_RUN=$1\" /proc/[0-9]*/environ); do "
        + "p=${f#/proc/}; kill -9 \"${p%/environ}\" 2>/dev/null; done"

    /// Starts the guard (see `guardian`).
    func startGuard() {
        #if os(Linux)
        var environment = ProcessInfo.processInfo.environment
        environment["BACKPROP_RUN"] = nil
        let value = String(runMarker.dropFirst("BACKPROP_RUN=".count))
        let started = try? PipedChild(
            "/bin/sh", ["-c", Self.guardScript, "guard", value], environment: environment)
        lock.withLock { guardian = started }
        #endif
    }

    /// The program ends on its own, having stopped what it started: the guard has nothing to do.
    func dismissGuard() {
        guard let guardian = lock.withLock({ self.guardian }) else { return }
        _ = "done\n".withCString { systemWrite(guardian.input, $0, 5) }
        _ = guardian.ended(within: 1)
    }

    func install(saying stopped: String) {
        let parts = runMarker.split(separator: "=", maxSplits: 1).map(String.init)
        setenv(parts[0], parts[1], 1)
        startGuard()
        // An orphan of a child stays this program's child, so that it can still be reaped.
        becomeSubreaper()
        // Writing to a child that has quit, or to a closed pipe, must be an error we report, not
        // a silent death: SIGPIPE is ignored, and the write fails instead.
        signal(SIGPIPE, SIG_IGN)
        for number in Self.terminating {
            let status = 128 + number
            // Ignoring the signal hands it to the dispatch source instead of ending the program.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(
                signal: number, queue: .global(qos: .userInitiated))
            source.setEventHandler { [self] in stop(status: status, saying: stopped) }
            source.resume()
            lock.withLock { sources.append(source) }
        }
        // Ctrl-Z: the terminal as it was while the run is stopped, and as the run wants it when
        // `fg` continues it. SIGSTOP stops the run itself: it cannot be caught or blocked.
        // The stop takes effect a moment after `kill` returns, so the terminal is taken again
        // only when SIGCONT says the run goes on.
        signal(SIGTSTP, SIG_IGN)
        let queue = DispatchQueue(label: "stop and continue")
        let suspend = DispatchSource.makeSignalSource(signal: SIGTSTP, queue: queue)
        suspend.setEventHandler { [self] in
            let pairs = lock.withLock {
                suspended = true
                return Array(stopHooks.values)
            }
            pairs.forEach { $0.putBack() }
            kill(getpid(), SIGSTOP)
        }
        let resume = DispatchSource.makeSignalSource(signal: SIGCONT, queue: queue)
        resume.setEventHandler { [self] in
            let pairs = lock.withLock {
                defer { suspended = false }
                return suspended ? Array(stopHooks.values) : []
            }
            pairs.forEach { $0.takeAgain() }
        }
        suspend.resume()
        resume.resume()
        lock.withLock { sources += [suspend, resume] }
    }

    /// Ends the run as a terminating signal does: put back what was changed, stop the children,
    /// remove the unfinished files, say `saying` (nil when the reader has gone) and exit with
    /// `status`. A second caller, while the first is at it, waits for the end.
    func stop(status: Int32, saying: String?) -> Never {
        let (hooks, first) = lock.withLock {
            defer { stopping = true }
            return (self.hooks, !stopping)
        }
        guard first else { parkUntilTheEnd() }
        hooks.forEach { $0() }
        // A helper just started (gnuplot for the doctor, an exercise's check) is known a moment
        // later, once its starter runs again; on a busy machine that can be after the signal.
        waitForStarts(limit: 5)
        stopChildren()
        removePartialFiles()
        if let saying {
            // Standard output and error only: fflush(nil) would wait for standard input's lock,
            // which a prompt reading an answer holds until a line comes.
            process_control_flush_output()
            // Written once, with no check: standard error may be the pipe that closed.
            _ = Array(saying.utf8).withUnsafeBytes {
                systemWrite(STDERR_FILENO, $0.baseAddress, $0.count)
            }
        }
        _exit(status)
    }

    // MARK: Stop and continue

    /// What to put back while the run is stopped by Ctrl-Z, and take again when it goes on, by a
    /// token its owner hands back when done.
    private var stopHooks: [Int: (putBack: () -> Void, takeAgain: () -> Void)] = [:]
    private var nextToken = 0
    /// Set by Ctrl-Z, until SIGCONT.
    private var suspended = false

    func whileStopped(putBack: @escaping () -> Void, takeAgain: @escaping () -> Void) -> Int {
        lock.withLock {
            nextToken += 1
            stopHooks[nextToken] = (putBack, takeAgain)
            return nextToken
        }
    }

    func forget(_ token: Int) {
        _ = lock.withLock { stopHooks.removeValue(forKey: token) }
    }
}

/// After a terminating signal, a thread that goes on to its next file or child waits here until
/// the program ends.
public func parkUntilTheEnd() -> Never {
    while true { sleep(60) }
}

/// The children running now (gnuplot, its sessions), so that a signal stops them with the run.
public enum Children {
    /// Starts `process` and remembers it; under the lock, so a signal cannot slip in between.
    public static func start(_ process: Process) throws { try Lifetime.shared.start(process) }

    /// Forgets a child that has ended, and stops whatever it left in its process group. One that
    /// a signal stopped is not the child's failure to report: its caller goes no further.
    public static func finished(_ process: Process) { Lifetime.shared.finished(process) }

    /// A child about to be started some other way (swift-subprocess, a shell), known by its
    /// process id only once it runs. Until the returned start is told the id (`adopt`) or that
    /// nothing started (`abandon`), a signal waits for it, so no child started just before the
    /// signal outlives the run.
    public static func willStart() -> ChildStart {
        Lifetime.shared.willStart()
        return ChildStart()
    }

    /// Forgets an adopted child that has ended, and stops what it left in its process group, if
    /// it led one.
    public static func release(_ pid: Int32) { Lifetime.shared.release(pid) }
}

/// A child announced by `Children.willStart`: told once, by `adopt` or `abandon`, whichever
/// comes first; later calls do nothing.
public final class ChildStart: @unchecked Sendable {
    private let lock = NSLock()
    private var told = false

    fileprivate init() {}

    /// The child runs as `pid`: a signal from now on stops it and its group.
    public func adopt(_ pid: Int32) {
        guard tellOnce() else { return }
        Lifetime.shared.started(pid)
    }

    /// No child started (or its id was never learned).
    public func abandon() {
        guard tellOnce() else { return }
        Lifetime.shared.started(nil)
    }

    private func tellOnce() -> Bool {
        lock.withLock {
            defer { told = true }
            return !told
        }
    }
}

/// The files being written right now, so that a signal can remove them and leave only complete
/// files behind.
public enum PartialFiles {
    /// Remembers `url` (a file, or a folder being filled) as unfinished; `ownWrite` when this
    /// program writes the bytes itself.
    public static func begin(_ url: URL, ownWrite: Bool = false) {
        Lifetime.shared.begin(url, ownWrite: ownWrite)
    }

    /// `url` is finished (renamed into place) or given up.
    public static func end(_ url: URL) { Lifetime.shared.end(url) }

    /// Makes a folder (and those on its way), unless the program is stopping: a folder made inside
    /// an unfinished one just after a signal removed it would be left behind.
    public static func makeFolder(_ url: URL) throws {
        try Lifetime.shared.unlessStopping {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
    }
}

/// What Ctrl-C, SIGTERM and the other terminating signals do to a running program, and Ctrl-Z.
public enum Interruption {
    /// What a run stopped by a signal says as it goes: true whether or not a gnuplot was running
    /// (a run stopped while it reads data or trains has none).
    public static let stopped =
        "\nStopped: whatever was running was stopped and the unfinished files were removed; "
        + "finished charts are kept.\n"

    /// Installs the handling of every terminating signal: stop the children, remove the
    /// unfinished files, keep the finished ones, say so in one line (`saying`), end with status
    /// 128 + the signal's number (130 for Ctrl-C, 143 for SIGTERM, 129 for a closed terminal).
    public static func install(saying: String = stopped) {
        Lifetime.shared.install(saying: saying)
    }

    /// Called before the program ends on its own: if a signal is being handled at that moment,
    /// the handling finishes the program, so a run caught at its very end says nothing more.
    /// Whatever a child left running, even in a session of its own, is stopped.
    public static func waitIfUnderWay() {
        if Lifetime.shared.isStopping { parkUntilTheEnd() }
        Lifetime.shared.stopEscaped()
        Lifetime.shared.dismissGuard()
    }

    /// Something to put back before the program ends on a signal, such as the terminal's
    /// settings.
    public static func beforeExit(_ hook: @escaping () -> Void) {
        Lifetime.shared.beforeExit(hook)
    }

    /// Something to put back while Ctrl-Z has stopped the run, and to take again when `fg`
    /// continues it; `forget` the returned token when it no longer applies.
    public static func whileStopped(
        putBack: @escaping () -> Void, takeAgain: @escaping () -> Void
    ) -> Int {
        Lifetime.shared.whileStopped(putBack: putBack, takeAgain: takeAgain)
    }

    /// No more to put back on Ctrl-Z for `token`.
    public static func forget(_ token: Int) { Lifetime.shared.forget(token) }
}
