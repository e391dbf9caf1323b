import Backprop
import Foundation
import TestSupport
import Testing

@testable import Datasets

/// An IDX file's bytes: the magic number, the dimensions, then the data.
func idx(magic: UInt32, dimensions: [UInt32], data: [UInt8]) -> Data {
    func word(_ x: UInt32) -> [UInt8] { [24, 16, 8, 0].map { UInt8((x >> $0) & 0xFF) } }
    return Data(word(magic) + dimensions.flatMap(word) + data)
}

/// The pixels of two 28×28 images: the first starts 0, 64, 128, 255; the rest are 1.
let tinyPixels: [UInt8] = [0, 64, 128, 255] + [UInt8](repeating: 1, count: 2 * 784 - 4)

/// Two 28×28 images and their labels, written raw.
func writeTinySet(
    in folder: URL, imageCount: UInt32 = 2, labelCount: UInt32 = 2, pixels: [UInt8] = tinyPixels
) throws -> (URL, URL) {
    let images = folder.appendingPathComponent("images")
    let labels = folder.appendingPathComponent("labels")
    try idx(magic: 0x803, dimensions: [imageCount, 28, 28], data: pixels).write(to: images)
    try idx(magic: 0x801, dimensions: [labelCount], data: Array([7, 3, 1].prefix(Int(labelCount))))
        .write(to: labels)
    return (images, labels)
}

/// gzip through the system's gzip, so the reader is checked against an independent writer.
func gzipFile(_ url: URL) throws -> URL {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/gzip")
    process.arguments = ["-kn", url.path]
    try process.run()
    process.waitUntilExit()
    return URL(fileURLWithPath: url.path + ".gz")
}

struct IDXTests {
    @Test("A good raw file reads back its dimensions and bytes, pixels scaled by 1/256")
    func goodFile() throws {
        let (images, labels) = try writeTinySet(in: try temporaryFolder())
        let digits = try Digits(images: images, labels: labels)
        #expect(digits.count == 2 && digits.rows == 28 && digits.columns == 28)
        let expected: [Double] = [0, 0.25, 0.5, 255.0 / 256, 1.0 / 256]
        #expect(Array(digits.image(0).prefix(5)) == expected)
        #expect(digits.labels == [7, 3])
        #expect(digits.example(1).target == oneHot(3))
    }

    @Test("A gzipped file reads the same as the raw one")
    func gzipped() throws {
        let (images, labels) = try writeTinySet(in: try temporaryFolder())
        let raw = try Digits(images: images, labels: labels)
        let packed = try Digits(images: try gzipFile(images), labels: try gzipFile(labels))
        #expect(packed.bytes == raw.bytes && packed.labels == raw.labels)
    }

    @Test("A wrong magic number is an error naming the file")
    func wrongMagic() throws {
        let (images, labels) = try writeTinySet(in: try temporaryFolder())
        let error = #expect(throws: IDXError.self) {
            _ = try Digits(images: labels, labels: images)
        }
        #expect(error?.description.contains(labels.path) == true)
        #expect(error?.description.contains("magic number 0x801") == true)
    }

    @Test("Truncated data is an error that says how many bytes are missing")
    func truncated() throws {
        let (images, labels) = try writeTinySet(
            in: try temporaryFolder(), pixels: Array(tinyPixels.prefix(1000)))
        let error = #expect(throws: IDXError.self) {
            _ = try Digits(images: images, labels: labels)
        }
        let bytes = (expected: 16 + 2 * 784, actual: 16 + 1000)
        #expect(
            error
                == .truncated(images.path, expectedBytes: bytes.expected, actualBytes: bytes.actual)
        )
    }

    @Test("A truncated header is an error too")
    func truncatedHeader() throws {
        let url = try temporaryFolder().appendingPathComponent("short")
        try Data([0, 0, 8, 3, 0, 0]).write(to: url)
        #expect(throws: IDXError.truncated(url.path, expectedBytes: 16, actualBytes: 6)) {
            _ = try IDXFile(contentsOf: url, magic: IDXFile.imagesMagic)
        }
    }

    @Test("A file longer than its header says is an error too")
    func tooLong() throws {
        let (images, labels) = try writeTinySet(in: try temporaryFolder(), pixels: tinyPixels + [7])
        let error = #expect(throws: IDXError.self) {
            _ = try Digits(images: images, labels: labels)
        }
        let bytes = (expected: 16 + 2 * 784, actual: 16 + 2 * 784 + 1)
        #expect(
            error == .tooLong(images.path, expectedBytes: bytes.expected, actualBytes: bytes.actual)
        )
    }

    @Test("Images and labels that disagree in count are an error naming both files")
    func countMismatch() throws {
        let (images, labels) = try writeTinySet(in: try temporaryFolder(), labelCount: 3)
        #expect(
            throws: IDXError.countMismatch(
                images: images.path, imageCount: 2, labels: labels.path, labelCount: 3)
        ) {
            _ = try Digits(images: images, labels: labels)
        }
    }

    @Test("A missing file or folder is an error naming it")
    func missing() throws {
        let folder = try temporaryFolder()
        let nowhere = folder.appendingPathComponent("nowhere")
        #expect(throws: IDXError.unreadable(nowhere.path, reason: "no such file")) {
            _ = try IDXFile(contentsOf: nowhere, magic: IDXFile.labelsMagic)
        }
        let error = #expect(throws: IDXError.self) { _ = try MNIST(folder: nowhere) }
        #expect(error?.description.contains("no such folder") == true)
    }

    @Test(
        """
        A pipe named like a gzipped MNIST file is not opened to read its stated size: the \
        memory estimate passes over it at once, and reading it is refused
        """)
    func gzipPipe() async throws {
        let folder = try temporaryFolder()
        for stem in ["train-images-idx3-ubyte", "t10k-images-idx3-ubyte"] {
            #expect(mkfifo(folder.appendingPathComponent(stem + ".gz").path, 0o644) == 0)
        }
        let pixels = await finished(within: 20) { MNIST.pixelCount(in: folder) }
        #expect(pixels == .some(nil), "the estimate waited on the pipe")
    }

    @Test("What is not an ordinary readable file is said as what it is, before anything is read")
    func notAFile() throws {
        let folder = try temporaryFolder()
        let subfolder = folder.appendingPathComponent("a-folder")
        try FileManager.default.createDirectory(at: subfolder, withIntermediateDirectories: true)
        #expect(throws: IDXError.unreadable(subfolder.path, reason: "it is a folder, not a file")) {
            _ = try IDXFile(contentsOf: subfolder, magic: IDXFile.labelsMagic)
        }
        // A pipe: reading it would wait for a writer that never comes.
        let fifo = folder.appendingPathComponent("a-pipe")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        let pipeReason = "it is not an ordinary file (a pipe, a socket or a device)"
        #expect(throws: IDXError.unreadable(fifo.path, reason: pipeReason)) {
            _ = try IDXFile(contentsOf: fifo, magic: IDXFile.labelsMagic)
        }
        // A file far larger than any MNIST file, refused by its size (sparse: it takes no disk).
        let huge = folder.appendingPathComponent("huge")
        #expect(FileManager.default.createFile(atPath: huge.path, contents: nil))
        #expect(truncate(huge.path, off_t(DataLimit.standard.bytes + 1)) == 0)
        #expect(throws: IDXError.tooLarge(huge.path, limit: .standard)) {
            _ = try IDXFile(contentsOf: huge, magic: IDXFile.labelsMagic)
        }
        let raisable = DataLimit(bytes: DataLimit.standard.bytes, raisedBy: "--data-limit <MB>")
        #expect(
            IDXError.tooLarge(huge.path, limit: raisable).description
                == "\(huge.path) is or unpacks to more than 512 MB, far more than any MNIST file "
                + "(the largest is 47 MB): it is damaged or not MNIST; if it is meant to be this "
                + "large, raise --data-limit <MB>")
    }

    @Test("A file past the limit names the option that raises it; raised, the file is read")
    func raisedLimit() throws {
        let folder = try temporaryFolder()
        let count = 1_300
        let pixels = [UInt8](repeating: 9, count: count * 784)
        let (images, _) = try writeTinySet(
            in: folder, imageCount: UInt32(count), labelCount: 0, pixels: pixels)
        let labels = folder.appendingPathComponent("many-labels")
        try idx(magic: 0x801, dimensions: [UInt32(count)], data: .init(repeating: 7, count: count))
            .write(to: labels)
        let oneMB = DataLimit(bytes: 1_000_000, raisedBy: "--data-limit <MB>")
        let twoMB = DataLimit(bytes: 2_000_000, raisedBy: "--data-limit <MB>")
        // Packed, the images take 6 KB; unpacked, 1 MB: both the file and its unpacking are held
        // to the limit.
        for file in [images, try gzipFile(images)] {
            let error = #expect(throws: IDXError.self) {
                _ = try Digits(images: file, labels: labels, limit: oneMB)
            }
            #expect(
                error?.description
                    == "\(file.path) is or unpacks to more than 1 MB, the limit --data-limit <MB> "
                    + "sets (MNIST's largest file is 47 MB): raise it")
            let digits = try Digits(images: file, labels: labels, limit: twoMB)
            #expect(digits.count == count && digits.bytes == pixels)
        }
    }

    @Test(
        "A file this user may not read is said to be so",
        Requirement.notRoot.trait)
    func unreadable() throws {
        let (images, _) = try writeTinySet(in: try temporaryFolder())
        chmod(images.path, 0)
        #expect(throws: IDXError.unreadable(images.path, reason: "permission denied")) {
            _ = try IDXFile(contentsOf: images, magic: IDXFile.imagesMagic)
        }
    }

    @Test("A gzip file of several members (cat a.gz b.gz) unpacks whole")
    func multiMemberGzip() throws {
        let folder = try temporaryFolder()
        let whole = idx(magic: 0x803, dimensions: [2, 28, 28], data: tinyPixels)
        let first = folder.appendingPathComponent("first")
        let second = folder.appendingPathComponent("second")
        try whole.prefix(1000).write(to: first)
        try whole.dropFirst(1000).write(to: second)
        let joined = folder.appendingPathComponent("images.gz")
        try (Data(contentsOf: gzipFile(first)) + Data(contentsOf: gzipFile(second))).write(
            to: joined)
        let file = try IDXFile(contentsOf: joined, magic: IDXFile.imagesMagic)
        #expect(file.dimensions == [2, 28, 28] && file.bytes == tinyPixels)
    }

    @Test("A damaged .gz file is an error, not garbage")
    func damagedGzip() throws {
        let (images, _) = try writeTinySet(in: try temporaryFolder())
        let packed = try gzipFile(images)
        var bytes = try Data(contentsOf: packed)
        bytes.removeLast(12)
        try bytes.write(to: packed)
        #expect(throws: IDXError.notGzip(packed.path)) {
            _ = try IDXFile(contentsOf: packed, magic: IDXFile.imagesMagic)
        }
    }

    @Test("The shipped subset is the real one: 10,000 and 2,000 digits with the documented labels")
    func shippedSubset() throws {
        let mnist = try MNIST.shipped()
        #expect(mnist.training.count == 10_000 && mnist.test.count == 2_000)
        #expect(mnist.training.rows == 28 && mnist.training.columns == 28)
        #expect(Array(mnist.training.labels.prefix(10)) == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4])
        #expect(Array(mnist.test.labels.prefix(10)) == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9])
        let counts = (0...9).map { digit in mnist.training.labels.filter { $0 == digit }.count }
        #expect(counts == [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978])
        #expect(mnist.training.bytes.count == 10_000 * 784)
        let seen = (0..<100).flatMap { mnist.training.image($0) }
        #expect(seen.allSatisfy { $0 >= 0 && $0 < 1 } && seen.contains(0) && seen.max()! > 0.99)
    }
}

/// Random damage, seeded, so a damaged file that breaks the reader can be made again.
struct Damage {
    var random: SeededGenerator
    init(seed: UInt64) { random = SeededGenerator(seed: seed) }
    mutating func next() -> UInt64 { random.next() }

    /// `bytes` damaged one way: a header field set to an odd value, bytes flipped, cut short, or
    /// lengthened.
    mutating func apply(to bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        switch next() % 5 {
        case 0:  // one 32-bit header field (magic or a size) replaced
            let field = Int(next() % UInt64(min(4, bytes.count / 4)))
            let values: [UInt32] = [
                0, 1, 27, 29, 0xFFFF_FFFF, 0x8000_0000, 0x0000_0803, 0x0000_0801,
                UInt32(truncatingIfNeeded: next()),
            ]
            let value = values[Int(next() % UInt64(values.count))]
            for k in 0..<4 where 4 * field + k < bytes.count {
                bytes[4 * field + k] = UInt8((value >> (24 - 8 * UInt32(k))) & 0xFF)
            }
        case 1:  // a few random bytes anywhere
            for _ in 0..<(1 + next() % 4) where !bytes.isEmpty {
                bytes[Int(next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: next())
            }
        case 2:  // cut short
            bytes = Array(bytes.prefix(Int(next() % UInt64(bytes.count + 1))))
        case 3:  // lengthened
            bytes += (0..<(1 + next() % 50)).map { _ in UInt8(truncatingIfNeeded: self.next()) }
        default:  // labels outside 0-9
            if bytes.count > 8 {
                bytes[8 + Int(next() % UInt64(bytes.count - 8))] = 10 + UInt8(next() % 246)
            }
        }
        return bytes
    }
}

struct DamagedFileTests {
    /// Three MNIST-shaped images (28×28) and their labels.
    static func goodSet() -> (images: [UInt8], labels: [UInt8]) {
        (
            [UInt8](
                idx(
                    magic: 0x803, dimensions: [3, 28, 28],
                    data: (0..<(3 * 784)).map { UInt8($0 % 256) })),
            [UInt8](idx(magic: 0x801, dimensions: [3], data: [5, 0, 4]))
        )
    }

    @Test(
        "Random damage to an IDX file is one clear error naming the file, never a crash",
        arguments: 0..<200)
    func damaged(seed: Int) throws {
        var damage = Damage(seed: UInt64(seed) &* 7919)
        let folder = try temporaryFolder()
        let (images, labels) = Self.goodSet()
        let damageImages = damage.next() % 2 == 0
        let imageFile = folder.appendingPathComponent("train-images-idx3-ubyte")
        let labelFile = folder.appendingPathComponent("train-labels-idx1-ubyte")
        try Data(damageImages ? damage.apply(to: images) : images).write(to: imageFile)
        try Data(damageImages ? labels : damage.apply(to: labels)).write(to: labelFile)
        do {
            let digits = try Digits(images: imageFile, labels: labelFile)
            // Damage that leaves a well-formed set (a changed pixel, say) must still be a whole
            // one.
            #expect(
                digits.bytes.count == digits.count * 784
                    && digits.labels.allSatisfy { (0...9).contains($0) })
        } catch let error as IDXError {
            #expect(
                error.description.contains(imageFile.path)
                    || error.description.contains(labelFile.path), "\(error)")
            #expect(!error.description.contains("\n"))
        }
    }

    @Test("A header whose sizes multiply past any memory is refused before anything is read")
    func overflowingHeader() throws {
        let folder = try temporaryFolder()
        let images = folder.appendingPathComponent("images")
        let labels = folder.appendingPathComponent("labels")
        try idx(magic: 0x803, dimensions: [0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF], data: []).write(
            to: images)
        try idx(magic: 0x801, dimensions: [1], data: [1]).write(to: labels)
        let error = #expect(throws: IDXError.self) {
            _ = try Digits(images: images, labels: labels)
        }
        #expect(error?.description.contains("impossible sizes") == true)
    }

    @Test(
        "Images that are not 28×28, and empty sets, are refused naming the file",
        arguments: [(0, 28, 28), (2, 20, 20), (2, 28, 27)])
    func wrongShape(count: UInt32, rows: UInt32, columns: UInt32) throws {
        let folder = try temporaryFolder()
        let images = folder.appendingPathComponent("images")
        let labels = folder.appendingPathComponent("labels")
        try idx(
            magic: 0x803, dimensions: [count, rows, columns],
            data: [UInt8](repeating: 1, count: Int(count * rows * columns))
        ).write(to: images)
        try idx(magic: 0x801, dimensions: [count], data: [UInt8](repeating: 1, count: Int(count)))
            .write(to: labels)
        let error = #expect(throws: IDXError.self) {
            _ = try Digits(images: images, labels: labels)
        }
        #expect(error?.description.contains(images.path) == true)
    }
}

struct TwinFileTests {
    /// The shipped subset (gzipped) copied into a folder of its own, with the test labels also
    /// unpacked beside their `.gz`: `raw` and `packed` say what is written over each twin.
    static func twins(raw: Data? = nil, packed: Data? = nil) throws -> URL {
        let folder = try temporaryFolder()
        try copyShippedDigits(into: folder)
        let gz = folder.appendingPathComponent("t10k-labels-idx1-ubyte.gz")
        let unpacked = try IDXFile(contentsOf: gz, magic: IDXFile.labelsMagic)
        var header = Data([0, 0, 8, 1])
        withUnsafeBytes(of: UInt32(unpacked.dimensions[0]).bigEndian) {
            header.append(contentsOf: $0)
        }
        try (raw ?? header + Data(unpacked.bytes)).write(
            to: folder.appendingPathComponent("t10k-labels-idx1-ubyte"))
        if let packed { try packed.write(to: gz) }
        return folder
    }

    static let damaged = Data("not an IDX file".utf8)

    @Test(
        """
        A file both gzipped and not: the one that reads is read, the gzipped one first, and the \
        lesson says which; when neither reads, the error is the gzipped one's
        """
    )
    func twins() throws {
        let good = try MNIST(folder: Self.twins())
        #expect(
            good.notes == [
                "both t10k-labels-idx1-ubyte.gz and t10k-labels-idx1-ubyte are there: "
                    + "t10k-labels-idx1-ubyte.gz was read"
            ])
        #expect(good.test.count == 2_000)
        // A damaged raw twin is never read in place of a good packed one.
        let rawDamaged = try MNIST(folder: Self.twins(raw: Self.damaged))
        #expect(rawDamaged.test.count == 2_000)
        #expect(rawDamaged.notes.first?.hasSuffix("t10k-labels-idx1-ubyte.gz was read") == true)
        // A damaged packed twin: the raw one is read instead, and why is said.
        let packedDamaged = try MNIST(folder: Self.twins(packed: Self.damaged))
        #expect(packedDamaged.test.labels == good.test.labels)
        #expect(
            packedDamaged.notes.first?.hasPrefix(
                "both t10k-labels-idx1-ubyte.gz and t10k-labels-idx1-ubyte are there: "
                    + "t10k-labels-idx1-ubyte was read, since the other could not be (") == true,
            "\(packedDamaged.notes)")
        let neither = try Self.twins(raw: Self.damaged, packed: Self.damaged)
        #expect(throws: IDXError.self) { _ = try MNIST(folder: neither) }
    }
}
