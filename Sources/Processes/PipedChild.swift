import CProcessControl
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child that talks with its parent while it runs: its standard input, output and error are
/// pipes the parent holds. It starts in a process group of its own, with no signal blocked and
/// every signal's action at its default (whatever the parent had), and it is known to the signal
/// handling from its first instant: Ctrl-C stops it and its group.
///
/// Why not swift-subprocess, as `runToTheEnd` uses? The exercise checker asks and answers one line
/// at a time, from synchronous code, and must set the child's signal mask; posix_spawn does both
/// plainly.
public final class PipedChild: @unchecked Sendable {
    public let pid: pid_t
    /// The parent's ends: it writes to `input`, reads `output` and `errors`.
    public let input: Int32
    public let output: Int32
    public let errors: Int32
    private var status: Int32?

    public struct DidNotStart: Error, CustomStringConvertible {
        public let path: String
        public let code: Int32
        public var description: String {
            "\(path) could not start: \(String(cString: strerror(code)))"
        }
    }

    public init(_ path: String, _ arguments: [String], environment: [String: String]) throws {
        var ends: [[Int32]] = []
        for _ in 0..<3 {
            var pair: [Int32] = [0, 0]
            guard pipe(&pair) == 0 else { throw DidNotStart(path: path, code: errno) }
            for fd in pair { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            ends.append(pair)
        }
        defer { for fd in [ends[0][0], ends[1][1], ends[2][1]] { closeDescriptor(fd) } }
        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t? = nil
        var attributes: posix_spawnattr_t? = nil
        #else
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_adddup2(&actions, ends[0][0], STDIN_FILENO)
        posix_spawn_file_actions_adddup2(&actions, ends[1][1], STDOUT_FILENO)
        posix_spawn_file_actions_adddup2(&actions, ends[2][1], STDERR_FILENO)
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        sigdelset(&all, SIGKILL)
        sigdelset(&all, SIGSTOP)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes,
            Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let start = Children.willStart()
        let code = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard code == 0 else {
            start.abandon()
            for fd in [ends[0][1], ends[1][0], ends[2][0]] { closeDescriptor(fd) }
            throw DidNotStart(path: path, code: code)
        }
        start.adopt(pid)
        self.pid = pid
        input = ends[0][1]
        output = ends[1][0]
        errors = ends[2][0]
        // A child gone before the parent writes must not end the parent with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
    }

    /// Its status, once it has ended (waiting at most `limit` seconds): `exited` or `signaled`.
    public func ended(within limit: Double) -> Ending? {
        if let status { return Ending(status) }
        let deadline = Date().addingTimeInterval(limit)
        repeat {
            var raw: Int32 = 0
            let reaped = waitpid(pid, &raw, WNOHANG)
            if reaped == pid {
                status = raw
                return Ending(raw)
            }
            if reaped < 0 { return nil }
            usleep(5_000)
        } while Date() < deadline
        return nil
    }

    /// Stops it and everything in its group, and reaps it.
    public func stop() {
        killpg(pid, SIGKILL)
        kill(pid, SIGKILL)
        _ = ended(within: 5)
    }

    private var inputOpen = true

    /// Closes the child's standard input: it reads its end.
    public func closeInput() {
        guard inputOpen else { return }
        inputOpen = false
        closeDescriptor(input)
    }

    /// Closes the parent's ends and lets the signal handling forget it; its group is stopped.
    public func close() {
        closeInput()
        for fd in [output, errors] { closeDescriptor(fd) }
        Children.release(pid)
    }

    /// How it ended.
    public enum Ending: Equatable, Sendable {
        case exited(Int32)
        case signaled(Int32)

        init(_ raw: Int32) {
            let signal = raw & 0x7f
            self = signal == 0 ? .exited((raw >> 8) & 0xff) : .signaled(signal)
        }
    }
}

/// `close(2)`, named apart from the method.
private func closeDescriptor(_ fd: Int32) {
    _ = close(fd)
}

/// Makes this process the reaper of its orphaned descendants (Linux), so that a process a child
/// starts in a session of its own, and leaves behind, can still be found and stopped by
/// `stopProcesses(marked:)`. False where there is no such thing.
@discardableResult
public func becomeSubreaper() -> Bool {
    process_control_become_subreaper() == 0
}

/// Stops, with SIGKILL, every process whose environment holds `marker` (as NAME=VALUE), and every
/// process descending from one, then reaps those that were this process's children. A child's
/// descendants inherit its environment: this finds them even when they left its process group and
/// session. Linux only (it reads /proc); elsewhere it does nothing.
public func stopProcesses(marked marker: String) {
    #if os(Linux)
    let me = getpid()
    let needle = Data((marker + "\u{0}").utf8)
    for _ in 0..<3 {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        let pids = names.compactMap { pid_t($0) }.filter { $0 != me }
        let marked = pids.filter { pid in
            guard let environment = FileManager.default.contents(atPath: "/proc/\(pid)/environ")
            else { return false }
            return environment.range(of: needle) != nil
        }
        if marked.isEmpty { return }
        for pid in marked { kill(pid, SIGKILL) }
        for pid in marked { _ = waitpid(pid, nil, WNOHANG) }
        usleep(10_000)
        for pid in marked { _ = waitpid(pid, nil, WNOHANG) }
    }
    #endif
}

/// The names of every process that descends from `pid` (Linux: from /proc); empty elsewhere.
public func descendantNames(of pid: pid_t) -> [String] {
    #if os(Linux)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    var parents: [pid_t: (parent: pid_t, name: String)] = [:]
    for name in names {
        guard let id = pid_t(name),
            let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
            let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")")
        else { continue }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 1, let parent = pid_t(fields[1]) else { continue }
        parents[id] = (parent, String(stat[stat.index(after: open)..<close]))
    }
    var found: Set<pid_t> = [pid]
    var grew = true
    while grew {
        grew = false
        for (id, entry) in parents where found.contains(entry.parent) && !found.contains(id) {
            found.insert(id)
            grew = true
        }
    }
    found.remove(pid)
    return found.sorted().compactMap { parents[$0]?.name }
    #else
    return []
    #endif
}
