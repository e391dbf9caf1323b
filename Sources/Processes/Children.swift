import Foundation

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
/// printed on `stream` and how it ended. Its output is read while it runs, so a chatty helper never
/// blocks on a full pipe, and a helper that runs past `limit` seconds (a hanging gnuplot, an
/// endless loop in an exercise) is killed instead of hanging the program that asked.
public func runToTheEnd(
    _ executable: URL, _ arguments: [String], environment: [String: String]? = nil,
    reading stream: HelperStream = .output, limit: Double
) throws -> (printed: String, ending: HelperEnding) {
    let process = Process()
    let pipe = Pipe()
    process.executableURL = executable
    process.arguments = arguments
    if let environment { process.environment = environment }
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = stream == .output ? pipe : FileHandle.nullDevice
    process.standardError = stream == .errors ? pipe : FileHandle.nullDevice
    try process.run()
    let reader = pipe.fileHandleForReading
    let printed = Collected()
    let reading = DispatchGroup()
    DispatchQueue.global().async(group: reading) { printed.keep(reader.readDataToEndOfFile()) }
    var ending: HelperEnding
    if let status = waitForExit(process, limit: limit) {
        ending =
            process.isRunning || process.terminationReason == .exit
            ? .exited(status) : .crashed(signal: status)
    } else {
        kill(process.processIdentifier, SIGKILL)
        _ = waitForExit(process, limit: 5)
        ending = .ranTooLong(seconds: limit)
    }
    // The output ends with the helper; a child it left behind holding the pipe must not hold us
    // too.
    if reading.wait(timeout: .now() + 2) == .timedOut { return ("", ending) }
    return (String(decoding: printed.data, as: UTF8.self), ending)
}

/// Bytes read on one thread and taken on another, behind a lock.
final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes = Data()

    func keep(_ data: Data) { lock.withLock { bytes = data } }
    var data: Data { lock.withLock { bytes } }
}

/// Which of a helper's streams `runToTheEnd` reads; the other is discarded.
public enum HelperStream: Sendable { case output, errors }
