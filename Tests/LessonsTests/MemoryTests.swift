import Backprop
import Datasets
import Foundation
import Processes
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An MNIST folder of random digits: `training` and `test` images, raw IDX. With `sparse`, the
/// image files have the right headers and sizes but hold no data on disk (a set to be refused
/// before it is read).
func syntheticMNIST(training: Int, test: Int, sparse: Bool = false) throws -> URL {
    let folder = try temporaryFolder()
    var random = SeededGenerator(seed: 11)
    for (stem, count) in [("train", training), ("t10k", test)] {
        func header(_ words: [UInt32]) -> Data {
            Data(words.flatMap { word in [24, 16, 8, 0].map { UInt8((word >> $0) & 0xFF) } })
        }
        let images = folder.appendingPathComponent("\(stem)-images-idx3-ubyte")
        try header([0x803, UInt32(count), 28, 28]).write(to: images)
        let handle = try FileHandle(forWritingTo: images)
        if sparse {
            try handle.truncate(atOffset: UInt64(16 + count * 784))
        } else {
            try handle.seekToEnd()
            // xorshift64, eight pixels at a time: quick even in a debug build.
            var state: UInt64 = 0x9E37_79B9_7F4A_7C15
            let words = [UInt64](unsafeUninitializedCapacity: count * 98) { buffer, made in
                for i in 0..<buffer.count {
                    state ^= state << 13
                    state ^= state >> 7
                    state ^= state << 17
                    buffer[i] = state
                }
                made = buffer.count
            }
            try handle.write(contentsOf: words.withUnsafeBytes { Data($0) })
        }
        try handle.close()
        let labels = (0..<count).map { _ in UInt8.random(in: 0...9, using: &random) }
        try (header([0x801, UInt32(count)]) + Data(labels))
            .write(to: folder.appendingPathComponent("\(stem)-labels-idx1-ubyte"))
    }
    return folder
}

struct MemoryCheckTests {
    let rooms = [
        MemoryRoom(bytes: 300_000_000, bound: .addressSpace),
        MemoryRoom(bytes: 2_000_000_000, bound: .machine),
    ]

    @Test("A need is held to every bound: the address space counts what is set aside")
    func bounds() throws {
        // 100 MB in use fits everywhere; 400 MB set aside passes the address-space limit.
        let need = MemoryNeed(inUse: 100_000_000, reserved: 400_000_000)
        let error = #expect(throws: MemoryShortage.self) {
            try Memory.require(need, for: "A lesson", room: rooms)
        }
        #expect(
            error?.description
                == "A lesson needs about 400 MB of address space (memory set aside, used or not), "
                + "and this run may take only 300 MB more (the limit `ulimit -v` sets on this "
                + "run): raise it with `ulimit -v`")
        try Memory.require(
            MemoryNeed(inUse: 100_000_000, reserved: 250_000_000), for: "", room: rooms)
        // On a machine short of memory, only memory in use counts, and the other way out is said.
        let machine = [MemoryRoom(bytes: 50_000_000, bound: .machine)]
        let short = #expect(throws: MemoryShortage.self) {
            try Memory.require(need, for: "The set", otherwise: "use a smaller set", room: machine)
        }
        #expect(
            short?.description
                == "The set needs about 100 MB of memory, and this run may take only 50 MB more "
                + "(the memory free on this machine): close other programs, or use a smaller set")
        try Memory.require(
            MemoryNeed(inUse: 40_000_000, reserved: 900_000_000), for: "", room: machine)
    }

    #if os(Linux)
    @Test("The room read is the limit the shell set, less what the process already takes")
    func roomRead() throws {
        let room = Memory.room()
        #expect(room.contains { $0.bound == .machine && $0.bytes > 0 })
        // The test process itself runs without a limit on its address space here.
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_AS.rawValue), &limit)
        #expect(room.contains { $0.bound == .addressSpace } == (limit.rlim_cur != rlim_t.max))
    }
    #endif
}

struct MemoryTests {
    /// 60,000 and 10,000 random digits, made once for all the lessons measured.
    static let fullSized = try? syntheticMNIST(training: 60_000, test: 10_000)

    @Test(
        """
        Too small a `ulimit -v` for any lesson is one line, at once; before, the lesson waited \
        for ever for a thread
        """,
        Requirement.programs.trait, Requirement.bash.trait, .timeLimit(.minutes(3)))
    func tooLittleToStart() throws {
        let binary = try #require(lessonBinary).path
        let out = try temporaryFolder().path
        let run = try measured("ulimit -v 300000; exec '\(binary)' 3 --out '\(out)'")
        #expect(run.status == 1)
        let lines = run.errors.split(separator: "\n")
        #expect(lines.count == 1, "\(run.errors)")
        #expect(
            run.errors.hasPrefix("Error: A lesson needs about 440 MB of address space")
                && run.errors.contains("(the limit `ulimit -v` sets on this run)"), "\(run.errors)")
    }

    @Test(
        """
        A book of the digit lessons under a `ulimit -v` too small for it is one line, at once, \
        and leaves nothing; before, a crash with a backtrace and a hidden unfinished folder
        """,
        Requirement.programs.trait, Requirement.bash.trait, .timeLimit(.minutes(2)))
    func bookTooLarge() throws {
        let binary = try #require(lessonBinary).path
        let out = try temporaryFolder()
        let run = try measured("ulimit -v 800000; exec '\(binary)' book --out '\(out.path)'")
        #expect(run.status == 1)
        #expect(
            run.errors.hasPrefix("Error: The lesson book needs about 720 MB of address space")
                && run.errors.split(separator: "\n").count == 1, "\(run.errors)")
        let left = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(left.isEmpty, "\(left)")
    }

    @Test("Runs go side by side only as memory allows: one each core, each past the first 300 MB")
    func sideBySide() {
        func width(_ megabytes: Int) -> Int {
            Memory.sideBySide(
                most: 4, first: Memory.toWriteBookOfDigits,
                room: [MemoryRoom(bytes: megabytes * 1_000_000, bound: .addressSpace)])
        }
        #expect([500, 720, 1019, 1020, 1319, 1320, 5000].map(width) == [1, 1, 1, 2, 2, 3, 4])
        let machine = Memory.sideBySide(
            most: 8, first: Memory.toRun,
            room: [MemoryRoom(bytes: 400_000_000, bound: .machine)])
        #expect(machine == 3)
    }

    @Test(
        "A data set too large for the memory left is refused before it is read; before, a crash",
        Requirement.programs.trait, Requirement.bash.trait)
    func tooLargeASet() throws {
        let binary = try #require(lessonBinary).path
        // 300,000 training images: 235 MB of pixels, held in 1.4 GB, in a 1.5 GB limit.
        let folder = try syntheticMNIST(training: 300_000, test: 1_000, sparse: true)
        let out = try temporaryFolder().path
        let run = try measured(
            "ulimit -v 1500000; exec '\(binary)' 6 --mnist '\(folder.path)' --out '\(out)'")
        #expect(run.status == 1)
        let said = try #require(run.errors.split(separator: "\n").last.map(String.init))
        #expect(
            said.hasPrefix(
                "Error: The MNIST set in \(folder.path) needs about 1.9 GB of address space")
                && said.hasSuffix("raise it with `ulimit -v`, or use a smaller set"), "\(said)")
        #expect(!run.errors.contains("Fatal error") && !run.errors.contains("Backtrac"))
    }

    /// The digit lessons on a set the size of MNIST (70,000 digits) against the shipped subset
    /// (12,000): what the larger set adds must stay within the stated bytes per pixel.
    @Test(
        "The digit lessons hold at most 6 bytes per pixel of a full MNIST-sized set",
        Requirement.programs.trait, Requirement.bash.trait,
        arguments: [["6"], ["10", "--epochs", "1"], ["12", "--epochs", "1"]])
    func budget(_ lesson: [String]) throws {
        let binary = try #require(lessonBinary).path
        let full = try #require(Self.fullSized)
        let out = try temporaryFolder().path
        let words = ([binary] + lesson + ["--no-render", "--quiet", "--out", out])
            .map { "'\($0)'" }.joined(separator: " ")
        let small = try measured(words)
        let large = try measured(words + " --mnist '\(full.path)'")
        #expect(small.status == 0 && large.status == 0, "\(small.errors)\(large.errors)")
        let addedPixels = (70_000 - 12_000) * 784
        let added = large.peak - small.peak
        #expect(
            added <= MNIST.bytesPerPixel * addedPixels,
            "\(added / 1_000_000) MB more for \(addedPixels / 1_000_000) MB more pixels")
    }
}

struct ClosedOutputTests {
    @Test(
        """
        A lesson whose reader has gone (`lesson 12 | head -2`) stops at once, as a signal would \
        stop it: status 141 and nothing left half-written; before, it trained to the end for nobody
        """,
        Requirement.programs.trait, Requirement.bash.trait,
        .timeLimit(.minutes(3)))
    func closedPipe() throws {
        let binary = try #require(lessonBinary).path
        let out = try temporaryFolder()
        let run = try measured(
            "'\(binary)' 12 --epochs 30 --out '\(out.path)' | head -2 > /dev/null; "
                + "echo \"status ${PIPESTATUS[0]}\" >&2")
        #expect(run.errors == "status 141\n")
        #expect(partialFiles(in: out).isEmpty)
    }
}
