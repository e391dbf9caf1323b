import Foundation
import Testing
@testable import Datasets

/// A fresh temporary folder.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("idx-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// An IDX file's bytes: the magic number, the dimensions, then the data.
func idx(magic: UInt32, dimensions: [UInt32], data: [UInt8]) -> Data {
    func word(_ x: UInt32) -> [UInt8] { [24, 16, 8, 0].map { UInt8((x >> $0) & 0xFF) } }
    return Data(word(magic) + dimensions.flatMap(word) + data)
}

/// Two 2×2 images and their labels, written raw.
func writeTinySet(in folder: URL, imageCount: UInt32 = 2, labelCount: UInt32 = 2, pixels: [UInt8] = [0, 64, 128, 255, 1, 2, 3, 4]) throws -> (URL, URL) {
    let images = folder.appendingPathComponent("images")
    let labels = folder.appendingPathComponent("labels")
    try idx(magic: 0x803, dimensions: [imageCount, 2, 2], data: pixels).write(to: images)
    try idx(magic: 0x801, dimensions: [labelCount], data: Array([7, 3, 1].prefix(Int(labelCount)))).write(to: labels)
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
        #expect(digits.count == 2 && digits.rows == 2 && digits.columns == 2)
        #expect(digits.image(0) == [0, 0.25, 0.5, 255.0 / 256])
        #expect(digits.labels == [7, 3])
        #expect(digits.example(1).target == oneHot(3))
    }

    @Test("A gzipped file reads the same as the raw one")
    func gzipped() throws {
        let (images, labels) = try writeTinySet(in: try temporaryFolder())
        let raw = try Digits(images: images, labels: labels)
        let packed = try Digits(images: try gzipFile(images), labels: try gzipFile(labels))
        #expect(packed.pixels == raw.pixels && packed.labels == raw.labels)
    }

    @Test("A wrong magic number is an error naming the file")
    func wrongMagic() throws {
        let (images, labels) = try writeTinySet(in: try temporaryFolder())
        let error = #expect(throws: IDXError.self) { _ = try Digits(images: labels, labels: images) }
        #expect(error?.description.contains(labels.path) == true)
        #expect(error?.description.contains("magic number 0x801") == true)
    }

    @Test("Truncated data is an error that says how many bytes are missing")
    func truncated() throws {
        let (images, labels) = try writeTinySet(in: try temporaryFolder(), pixels: [1, 2, 3, 4, 5])
        let error = #expect(throws: IDXError.self) { _ = try Digits(images: images, labels: labels) }
        #expect(error == .truncated(images.path, expectedBytes: 24, actualBytes: 21))
    }

    @Test("A truncated header is an error too")
    func truncatedHeader() throws {
        let url = try temporaryFolder().appendingPathComponent("short")
        try Data([0, 0, 8, 3, 0, 0]).write(to: url)
        #expect(throws: IDXError.truncated(url.path, expectedBytes: 16, actualBytes: 6)) {
            _ = try IDXFile(contentsOf: url, magic: IDXFile.imagesMagic)
        }
    }

    @Test("Images and labels that disagree in count are an error naming both files")
    func countMismatch() throws {
        let (images, labels) = try writeTinySet(in: try temporaryFolder(), labelCount: 3)
        #expect(throws: IDXError.countMismatch(images: images.path, imageCount: 2, labels: labels.path, labelCount: 3)) {
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

    @Test("A damaged .gz file is an error, not garbage")
    func damagedGzip() throws {
        let (images, _) = try writeTinySet(in: try temporaryFolder())
        let packed = try gzipFile(images)
        var bytes = try Data(contentsOf: packed)
        bytes.removeLast(12)
        try bytes.write(to: packed)
        #expect(throws: IDXError.notGzip(packed.path)) { _ = try IDXFile(contentsOf: packed, magic: IDXFile.imagesMagic) }
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
        #expect(mnist.training.pixels.allSatisfy { $0 >= 0 && $0 < 1 })
    }
}
