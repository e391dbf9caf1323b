import CProcessControl
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Running out of memory cannot be caught in Swift: an allocation that fails ends the program with
// a backtrace. So where a run's needs can be foreseen (a lesson starting, a data set loading), they
// are compared with the room left first, and a run that would not fit is refused in one sentence.

/// One bound on how much more memory this process may take, and what sets it.
public struct MemoryRoom: Sendable, Equatable {
    /// What sets a bound, in the words a person would use to raise it.
    public enum Bound: Sendable, Equatable {
        /// `ulimit -v`: the address space, which counts memory reserved as well as used.
        case addressSpace
        /// `ulimit -d`: the data segment.
        case dataSegment
        /// A container's or service's memory limit (a cgroup).
        case container
        /// The memory free on this machine, swap included.
        case machine

        /// What sets it, for a sentence.
        public var name: String {
            switch self {
            case .addressSpace: "the limit `ulimit -v` sets on this run"
            case .dataSegment: "the limit `ulimit -d` sets on this run"
            case .container: "the memory limit of the container it runs in"
            case .machine: "the memory free on this machine"
            }
        }

        /// What it counts.
        public var counts: String {
            self == .addressSpace ? "of address space (memory set aside, used or not)" : "of memory"
        }

        /// How to make more room.
        public var remedy: String {
            switch self {
            case .addressSpace: "raise it with `ulimit -v`"
            case .dataSegment: "raise it with `ulimit -d`"
            case .container: "raise the container's limit"
            case .machine: "close other programs"
            }
        }
    }

    /// Bytes this process may still take under this bound.
    public let bytes: Int
    public let bound: Bound

    public init(bytes: Int, bound: Bound) {
        self.bytes = bytes
        self.bound = bound
    }
}

/// What a piece of work needs, under each kind of bound: the address space counts every
/// reservation (thread stacks, gnuplot's libraries), the others only memory in use.
public struct MemoryNeed: Sendable, Equatable {
    public let inUse: Int
    public let reserved: Int

    public init(inUse: Int, reserved: Int? = nil) {
        self.inUse = inUse
        self.reserved = reserved ?? inUse
    }

    func bytes(under bound: MemoryRoom.Bound) -> Int {
        bound == .addressSpace ? reserved : inUse
    }
}

/// A run refused because it would not fit in memory.
public struct MemoryShortage: Error, CustomStringConvertible, Equatable {
    /// What needs the memory: "the digits in ~/mnist", "a lesson".
    public let what: String
    public let needed: Int
    public let room: MemoryRoom
    /// Another way out, such as a smaller set, or nil.
    public let otherwise: String?

    public var description: String {
        "\(what) needs about \(megabytes(needed)) \(room.bound.counts), and this run may take only "
            + "\(megabytes(max(0, room.bytes), roundedDown: true)) more (\(room.bound.name)): "
            + room.bound.remedy
            + (otherwise.map { ", or \($0)" } ?? "")
    }
}

/// "330 MB", "1.5 GB": a need rounded up, a room (`roundedDown`) down, so that a need that does
/// not fit never reads as equal to the room.
func megabytes(_ bytes: Int, roundedDown: Bool = false) -> String {
    let mb = Double(bytes) / 1_000_000
    let rule: FloatingPointRoundingRule = roundedDown ? .down : .up
    if mb >= 10_000 { return String(format: "%.0f GB", (mb / 1000).rounded(rule)) }
    if mb >= 1000 { return String(format: "%.1f GB", (mb / 100).rounded(rule) / 10) }
    return String(format: "%.0f MB", mb.rounded(rule))
}

public enum Memory {
    /// What a lesson or a check needs besides its data, measured on Linux with 2 cores: about
    /// 100 MB in use, and 520 to 600 MB of address space at its peak (thread stacks, and the
    /// heaps the system sets aside for each thread), of which about 150 MB is taken when this is
    /// checked. With less, a run can wait for ever for a thread it cannot have.
    public static let toRun = MemoryNeed(inUse: 100_000_000, reserved: 440_000_000)

    /// What the lesson book needs for its first run when it holds a lesson on the digits: the
    /// runs it keeps for its pages, and a digit lesson's batches. Measured under `ulimit -v` on
    /// Linux with 2 cores, about 145 MB taken when this is checked: the release build ran out at
    /// 760 and 790 MB and finished at 780 MB and from 800 MB up (the debug build from 720 MB);
    /// asked with a margin.
    public static let toWriteBookOfDigits = MemoryNeed(inUse: 150_000_000, reserved: 720_000_000)

    /// What one more run beside another takes, measured with the lesson book under `ulimit -v`
    /// on Linux with 2 cores (two runs side by side finished from 1,010 MB up): the digit
    /// lessons' batches and their threads' heaps.
    public static let besideAnother = MemoryNeed(inUse: 150_000_000, reserved: 300_000_000)

    /// How many runs fit side by side, at most `most` (one per core): the first needs `first`,
    /// each other `each`, under every bound in `room`. At least one: whether one fits is for
    /// `require` to say.
    public static func sideBySide(
        most: Int, first: MemoryNeed = toRun, each: MemoryNeed = besideAnother,
        room: [MemoryRoom] = Memory.room()
    ) -> Int {
        var width = max(1, most)
        for bound in room {
            let left = bound.bytes - first.bytes(under: bound.bound)
            width = min(width, 1 + max(0, left / max(1, each.bytes(under: bound.bound))))
        }
        return width
    }

    /// Bounds the heaps the C library keeps for threads to one a core. glibc gives a thread that
    /// allocates an arena of its own, up to 8 a core, and each sets aside 64 MB of address space:
    /// under `ulimit -v`, that (not the memory in use) is what ran out, at a different moment on
    /// every run. Elsewhere this does nothing.
    public static func boundThreadHeaps() {
        _ = process_control_bound_thread_heaps(
            Int32(max(1, ProcessInfo.processInfo.activeProcessorCount)))
    }

    /// The bounds this process is under now, tightest first; empty where none can be read (on
    /// macOS only `ulimit` is read, since the system gives memory as it is asked for).
    public static func room() -> [MemoryRoom] {
        var bounds: [MemoryRoom] = []
        let status = procStatus()
        for (resource, bound, usedKey) in limits {
            var limit = rlimit()
            guard getrlimit(resource, &limit) == 0, limit.rlim_cur != unlimited else {
                continue
            }
            let used = status[usedKey].map { $0 * 1024 } ?? 0
            bounds.append(MemoryRoom(bytes: Int(clamping: limit.rlim_cur) - used, bound: bound))
        }
        #if os(Linux)
        if let container = containerRoom() { bounds.append(container) }
        let info = readKilobytes("/proc/meminfo")
        if let available = info["MemAvailable"] {
            let swap = info["SwapFree"] ?? 0
            bounds.append(MemoryRoom(bytes: (available + swap) * 1024, bound: .machine))
        }
        #endif
        return bounds.sorted { $0.bytes < $1.bytes }
    }

    /// Throws, naming the bound, when `need` does not fit under one of the bounds in `room`.
    public static func require(
        _ need: MemoryNeed, for what: String, otherwise: String? = nil,
        room: [MemoryRoom] = Memory.room()
    ) throws(MemoryShortage) {
        for bound in room where need.bytes(under: bound.bound) > bound.bytes {
            throw MemoryShortage(
                what: what, needed: need.bytes(under: bound.bound), room: bound,
                otherwise: otherwise)
        }
    }

    #if os(Linux)
    private static let unlimited = rlim_t.max
    private static let limits: [(Int32, MemoryRoom.Bound, String)] = [
        (Int32(RLIMIT_AS.rawValue), .addressSpace, "VmSize"),
        (Int32(RLIMIT_DATA.rawValue), .dataSegment, "VmData"),
    ]

    private static func procStatus() -> [String: Int] { readKilobytes("/proc/self/status") }

    /// The room under this process's cgroup (v2) memory limit, if it has one.
    private static func containerRoom() -> MemoryRoom? {
        guard
            let groups = try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8),
            let line = groups.split(separator: "\n").first(where: { $0.hasPrefix("0::") })
        else { return nil }
        let folder = "/sys/fs/cgroup" + line.dropFirst(3)
        func number(_ name: String) -> Int? {
            let text = try? String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            return text.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        guard let most = number("memory.max"), let current = number("memory.current") else {
            return nil
        }
        return MemoryRoom(bytes: most - current, bound: .container)
    }

    /// "Name:   1234 kB" lines as [Name: 1234].
    private static func readKilobytes(_ path: String) -> [String: Int] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
        var values: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(whereSeparator: { $0 == ":" || $0.isWhitespace })
            if parts.count >= 2, let value = Int(parts[1]) { values[String(parts[0])] = value }
        }
        return values
    }
    #else
    private static let unlimited = RLIM_INFINITY
    private static let limits: [(Int32, MemoryRoom.Bound, String)] = [
        (RLIMIT_AS, .addressSpace, ""),
        (RLIMIT_DATA, .dataSegment, ""),
    ]

    // macOS gives no cheap figure for this process's reserved memory; a limit counts from 0.
    private static func procStatus() -> [String: Int] { [:] }
    #endif
}
