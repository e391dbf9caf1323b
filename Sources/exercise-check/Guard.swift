import CProcessControl
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Nothing the learner's code starts outlives the check. The child starts with no signal
/// blocked; on Linux it keeps every process the learner's code starts as its own descendant
/// (a subreaper), even one that starts a session of its own, and when the checker ends, however it
/// ends (even by SIGKILL), the kernel tells the child, which stops them all and itself.
/// macOS has neither call: there the checker's process group is what is stopped.
enum Guard {
    /// Written to when the checker has ended.
    nonisolated(unsafe) static var alarm: (read: Int32, write: Int32) = (-1, -1)

    static func start() {
        var none = sigset_t()
        sigemptyset(&none)
        sigprocmask(SIG_SETMASK, &none, nil)
        #if os(Linux)
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return }
        alarm = (ends[0], ends[1])
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        let checker = getppid()
        _ = process_control_become_subreaper()
        signal(SIGUSR2) { _ in
            var byte: UInt8 = 1
            _ = write(Guard.alarm.write, &byte, 1)
        }
        _ = process_control_signal_on_parent_death(SIGUSR2)
        Thread.detachNewThread {
            // The alarm, or the checker gone while nobody heard (its end raced the prctl).
            var fds = [pollfd(fd: Guard.alarm.read, events: Int16(POLLIN), revents: 0)]
            while getppid() == checker {
                let ready = poll(&fds, 1, 200)
                if ready > 0 { break }
                // A signal (a crash being told, say) interrupts the wait: wait again.
                if ready < 0 && errno != EINTR { return }
            }
            stopDescendants()
            _exit(75)
        }
        #endif
    }

    /// Stops, with SIGKILL, every process that descends from this one.
    static func stopDescendants() {
        #if os(Linux)
        let me = getpid()
        for _ in 0..<3 {
            let parents = processParents()
            var found: Set<pid_t> = [me]
            var grew = true
            while grew {
                grew = false
                for (pid, parent) in parents where found.contains(parent) && !found.contains(pid) {
                    found.insert(pid)
                    grew = true
                }
            }
            found.remove(me)
            if found.isEmpty { return }
            for pid in found { kill(pid, SIGKILL) }
            // Reap the ones that were its children, so none is left a zombie.
            while waitpid(-1, nil, WNOHANG) > 0 {}
        }
        #endif
    }

    /// Every process's parent, from /proc.
    static func processParents() -> [(pid_t, pid_t)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap { name -> (pid_t, pid_t)? in
            guard let pid = pid_t(name),
                let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return nil }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 1, let parent = pid_t(fields[1]) else { return nil }
            return (pid, parent)
        }
    }
}
