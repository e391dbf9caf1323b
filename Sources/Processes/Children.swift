import Foundation
import Subprocess

#if canImport(System)
import System
#else
import SystemPackage
#endif

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a child process ended, seen without reaping it: its exit status, or the signal that killed
/// it (as `Process.terminationStatus` says). Nil while the child still runs.
///
/// Why not only `Process.terminationHandler`? Foundation hears that a child ended when every
/// process holding a private socket the child inherited has closed it. A child's own children (a
/// tmux server, a plotting window, a shell's background job) inherit it too, and can hide the end
/// for as long as they live. Looking at the child itself (`WNOWAIT` leaves it for Foundation to
/// reap) never waits.
func exitStatusIfEnded(_ pid: pid_t) -> Int32? {
    guard pid > 0 else { return nil }
    var info = siginfo_t()
    guard waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 else { return nil }
    #if canImport(Glibc)
    let (ended, status) = (info._sifields._sigchld.si_pid, info._sifields._sigchld.si_status)
    #else
    let (ended, status) = (info.si_pid, info.si_status)
    #endif
    return ended == pid ? status : nil
}

/// Waits at most `limit` seconds for the child `pid` to end and returns its status, or nil if it
/// still runs. `heard` gives the status once Foundation has told of the end (and reaped the child).
/// When the child has ended but Foundation stays silent for half a second, the status is taken from
/// the child itself.
public func waitForEnd(of pid: pid_t, limit: Double, heard: () -> Int32?) -> Int32? {
    let deadline = Date().addingTimeInterval(limit)
    var seenEnded: (status: Int32, at: Date)?
    repeat {
        if let status = heard() { return status }
        if seenEnded == nil, let status = exitStatusIfEnded(pid) { seenEnded = (status, Date()) }
        if let seen = seenEnded, Date().timeIntervalSince(seen.at) > 0.5 { return seen.status }
    } while Date() < deadline || seenEnded != nil
    return nil
}

/// Waits until `process` has ended, at most `limit` seconds, and returns its status; nil if it
/// still runs.
public func waitForExit(_ process: Process, limit: Double) -> Int32? {
    waitForEnd(of: process.processIdentifier, limit: limit) {
        if !process.isRunning { return process.terminationStatus }
        usleep(20_000)
        return nil
    }
}

/// How a helper program run by `runToTheEnd` ended.
public enum HelperEnding: Equatable, Sendable {
    /// It exited with this status.
    case exited(Int32)
    /// A signal ended it: a crash, such as a failed bounds check.
    case crashed(signal: Int32)
    /// It ran past the time limit and was stopped.
    case ranTooLong(seconds: Double)
}

/// Runs a short helper program (gnuplot's `--version`, one exercise's check) and returns what it
/// printed on `stream`, what it printed on the other, and how it ended. swift-subprocess starts
/// it in a process group of its own and reads its output while it runs, so a chatty helper never
/// blocks on a full pipe, and a child the helper leaves holding the pipe cannot keep the reading
/// going once the helper has ended. A helper that runs past `limit` seconds (a hanging gnuplot,
/// an endless loop in an exercise) is killed with its whole group instead of hanging the program
/// that asked.
public func runToTheEnd(
    _ executable: URL, _ arguments: [String], environment: [String: String]? = nil,
    reading stream: HelperStream = .output, limit: Double
) async throws -> (printed: String, other: String, ending: HelperEnding) {
    var options = PlatformOptions()
    // Its own process group (0: the group is named by the helper's own pid).
    options.processGroupID = 0
    let result: ExecutionResult<([UInt8], [UInt8], Bool), SequenceOutput, SequenceOutput>
    // A signal between the helper's start and its adoption below waits for the adoption.
    let start = Children.willStart()
    defer { start.abandon() }
    do {
        result = try await Subprocess.run(
            .path(FilePath(executable.path)), arguments: Arguments(arguments),
            environment: environment.map(customEnvironment) ?? .inherit, platformOptions: options,
            input: .none, output: .sequence, error: .sequence
        ) { execution in
            let printed = stream == .output ? execution.standardOutput : execution.standardError
            let other = stream == .output ? execution.standardError : execution.standardOutput
            let deadline = ContinuousClock.now + .seconds(limit)
            let helper = execution.processIdentifier.value
            // Known to the signal handling: a run stopped by Ctrl-C or SIGTERM stops the helper and
            // its group first. Released when the body ends, before swift-subprocess reaps it, while
            // its pid still names its group: whatever it left running goes with it.
            start.adopt(helper)
            defer { Children.release(helper) }
            let texts = try await withThrowingTaskGroup(of: (Bool, [UInt8])?.self) { group in
                group.addTask { (true, await readAll(printed)) }
                group.addTask { (false, await readAll(other)) }
                group.addTask {
                    try await Task.sleep(until: deadline)
                    return nil
                }
                var texts: (printed: [UInt8], other: [UInt8]) = ([], [])
                for _ in 0..<2 {
                    guard let (isPrinted, bytes) = try await group.next() ?? nil else {
                        // The time ran out first: stop the helper and all it started, which
                        // ends the reading too.
                        try? execution.send(signal: .kill, toProcessGroup: true)
                        group.cancelAll()
                        return nil as (printed: [UInt8], other: [UInt8])?
                    }
                    if isPrinted { texts.printed = bytes } else { texts.other = bytes }
                }
                group.cancelAll()
                return texts
            }
            // Both streams have ended; the helper ends with them, or is made to at the deadline.
            while texts != nil, exitStatusIfEnded(helper) == nil, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            let ended = exitStatusIfEnded(helper) != nil
            return (texts?.printed ?? [], texts?.other ?? [], texts == nil || !ended)
        }
    } catch let error as SubprocessError {
        throw HelperDidNotStart(path: executable.path, error: error)
    }
    let (bytes, otherBytes, timedOut) = result.closureResult
    let ending: HelperEnding
    if timedOut {
        ending = .ranTooLong(seconds: limit)
    } else {
        switch result.terminationStatus {
        case .exited(let status): ending = .exited(status)
        case .signaled(let signal): ending = .crashed(signal: signal)
        }
    }
    return (
        String(decoding: bytes, as: UTF8.self), String(decoding: otherBytes, as: UTF8.self), ending
    )
}

/// A helper's stream, up to its end or up to the helper's end, whichever comes first:
/// swift-subprocess ends the reading when the helper ends, even if a child it left behind still
/// holds the pipe. Its first and last kilobytes are kept, so a helper that never stops printing
/// cannot fill the memory.
private func readAll(_ stream: SubprocessOutputSequence) async -> [UInt8] {
    var kept = BoundedBytes()
    do {
        for try await buffer in stream {
            buffer.withUnsafeBytes { kept.append(Data($0)) }
        }
    } catch {
        // Cut short: what was read is what the helper printed before it ended.
    }
    return Array(kept.text.utf8)
}

/// A whole environment, as swift-subprocess takes it.
private func customEnvironment(_ variables: [String: String]) -> Environment {
    var keyed: [Environment.Key: String] = [:]
    for (name, value) in variables {
        if let key = Environment.Key(rawValue: name) { keyed[key] = value }
    }
    return .custom(keyed)
}

/// Which of a helper's streams `runToTheEnd` gives as `printed`; the other comes as `other`.
public enum HelperStream: Sendable { case output, errors }

/// Runs `work` and waits for its result, for synchronous code such as a command's `run()`.
/// Only from a thread of the program's own (the main thread of a command), never from Swift's
/// concurrency threads: they would wait on themselves.
public func waitFor<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
    let outcome = Outcome<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do {
            outcome.set(.success(try await work()))
        } catch {
            outcome.set(.failure(error))
        }
        done.signal()
    }
    done.wait()
    return try outcome.get()
}

/// A result set on one thread and read on another, behind a lock.
private final class Outcome<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<T, any Error>?

    func set(_ value: Result<T, any Error>) { lock.withLock { result = value } }
    func get() throws -> T { try lock.withLock { result }!.get() }
}

/// A helper that could not be started, said as what went wrong.
public struct HelperDidNotStart: Error, CustomStringConvertible {
    public let path: String
    public let reason: String

    init(path: String, error: SubprocessError) {
        self.path = path
        #if os(Windows)
        let code: Int32? = nil
        #else
        let code = error.underlyingError?.rawValue
        #endif
        switch code {
        case ENOENT?: reason = "there is no such program"
        case EACCES?: reason = "it may not be run (permission denied)"
        case ENOEXEC?: reason = "it is not a program this system can run"
        case let code?: reason = String(cString: strerror(code)).lowercased()
        case nil: reason = "it could not be started"
        }
    }

    public var description: String { "could not start \(path): \(reason)" }
}
