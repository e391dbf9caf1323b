import Backprop
import Foundation
import TunedNetwork

/// Handwritten digits: 28×28 greyscale images with their labels 0–9.
public struct Digits: Sendable {
    /// Every image's pixels as the file stores them, one byte each (0 black … 255 white), one
    /// image after another. Kept as bytes, a full MNIST set takes 55 MB, not 8 times that.
    public let bytes: [UInt8]
    public let labels: [Int]
    public let rows: Int
    public let columns: Int

    public var count: Int { labels.count }
    public var pixelsPerImage: Int { rows * columns }

    /// The pixels of image `index`, row by row, each byte/256: values in [0, 1), like the data
    /// Nielsen's book and the video trained on.
    public func image(_ index: Int) -> [Double] {
        bytes[(index * pixelsPerImage)..<((index + 1) * pixelsPerImage)].map { Double($0) / 256 }
    }

    /// Image `index` as a training example: its pixels in, the one-hot vector of its label out.
    public func example(_ index: Int) -> Example {
        Example(input: image(index), target: oneHot(labels[index]))
    }

    /// The first `limit` images (or all) as examples.
    public func examples(limit: Int? = nil) -> [Example] {
        Array(lazyExamples(limit: limit))
    }

    /// The first `limit` images (or all) as examples made only as each is read: a view, not a
    /// copy, for going through a large set (60,000 examples held at once would take 400 MB).
    public func lazyExamples(limit: Int? = nil) -> LazyMapCollection<Range<Int>, Example> {
        (0..<min(limit ?? count, count)).lazy.map(example)
    }

    /// Reads an images file and a labels file (IDX, raw or gzipped) and checks that they agree.
    public init(images: URL, labels: URL, limit: DataLimit = .standard) throws {
        try self.init(
            images: images,
            IDXFile(contentsOf: images, magic: IDXFile.imagesMagic, limit: limit),
            labels: labels,
            IDXFile(contentsOf: labels, magic: IDXFile.labelsMagic, limit: limit))
    }

    /// Checks that an images file and a labels file, already read, agree.
    init(images: URL, _ imageFile: IDXFile, labels: URL, _ labelFile: IDXFile) throws {
        guard imageFile.dimensions[0] == labelFile.dimensions[0] else {
            throw IDXError.countMismatch(
                images: images.path, imageCount: imageFile.dimensions[0],
                labels: labels.path, labelCount: labelFile.dimensions[0])
        }
        if let bad = labelFile.bytes.first(where: { $0 > 9 }) {
            throw IDXError.badLabel(labels.path, value: bad)
        }
        guard imageFile.dimensions[0] > 0 else { throw IDXError.empty(images.path) }
        // The network reads 784 pixels; anything else would be read past its end or cut short.
        guard imageFile.dimensions[1] == 28, imageFile.dimensions[2] == 28 else {
            throw IDXError.wrongImageSize(
                images.path, rows: imageFile.dimensions[1], columns: imageFile.dimensions[2])
        }
        rows = imageFile.dimensions[1]
        columns = imageFile.dimensions[2]
        bytes = imageFile.bytes
        self.labels = labelFile.bytes.map(Int.init)
    }
}

/// The vector with 1 at `digit` and 0 elsewhere: what the output layer should show for that digit.
public func oneHot(_ digit: Int, classes: Int = 10) -> [Double] {
    (0..<classes).map { $0 == digit ? 1 : 0 }
}

/// An MNIST set: training and test digits.
public struct MNIST: Sendable {
    public let training: Digits
    public let test: Digits
    /// Which of two twins (a file and its `.gz`) was read, and why, one sentence each.
    public private(set) var notes: [String] = []

    /// The standard file names inside an MNIST folder, gzipped or not.
    static func file(_ stem: String, in folder: URL) -> URL {
        let gz = folder.appendingPathComponent(stem + ".gz")
        return FileManager.default.fileExists(atPath: gz.path)
            ? gz : folder.appendingPathComponent(stem)
    }

    /// Reads the file `stem` in `folder`, gzipped or not. Where both are there, the gzipped one
    /// (as MNIST is published) is read, and the other when it cannot be; the note says which.
    static func read(
        _ stem: String, magic: UInt32, in folder: URL, limit: DataLimit, notes: inout [String]
    ) throws -> (URL, IDXFile) {
        let gz = folder.appendingPathComponent(stem + ".gz")
        let raw = folder.appendingPathComponent(stem)
        let both = [gz, raw].allSatisfy { FileManager.default.fileExists(atPath: $0.path) }
        guard both else {
            let url = file(stem, in: folder)
            return (url, try IDXFile(contentsOf: url, magic: magic, limit: limit))
        }
        do {
            let first = try IDXFile(contentsOf: gz, magic: magic, limit: limit)
            notes.append("both \(stem).gz and \(stem) are there: \(stem).gz was read")
            return (gz, first)
        } catch let problem {
            guard let second = try? IDXFile(contentsOf: raw, magic: magic, limit: limit) else {
                throw problem
            }
            notes.append(
                "both \(stem).gz and \(stem) are there: \(stem) was read, since the other "
                    + "could not be (\(problem))")
            return (raw, second)
        }
    }

    /// One set, images and labels, from `folder`.
    static func digits(
        _ images: String, _ labels: String, in folder: URL, limit: DataLimit,
        notes: inout [String]
    ) throws -> Digits {
        let (imagesURL, imageFile) = try read(
            images, magic: IDXFile.imagesMagic, in: folder, limit: limit, notes: &notes)
        let (labelsURL, labelFile) = try read(
            labels, magic: IDXFile.labelsMagic, in: folder, limit: limit, notes: &notes)
        return try Digits(images: imagesURL, imageFile, labels: labelsURL, labelFile)
    }

    /// Loads `train-*` and `t10k-*` from a folder of IDX files, none larger than `limit`.
    public init(folder: URL, limit: DataLimit = .standard) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder),
            isFolder.boolValue
        else {
            throw IDXError.unreadable(
                folder.path,
                reason:
                    "no such folder; --mnist wants a folder holding train-images-idx3-ubyte(.gz) "
                    + "and friends"
            )
        }
        var notes: [String] = []
        training = try Self.digits(
            "train-images-idx3-ubyte", "train-labels-idx1-ubyte", in: folder, limit: limit,
            notes: &notes)
        test = try Self.digits(
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", in: folder, limit: limit,
            notes: &notes)
        self.notes = notes
    }

    /// At most this many bytes per pixel are held at once by a digit lesson on the whole set: one
    /// as the file stores it, four as the Float the fast network reads, and one for reading.
    public static let bytesPerPixel = 6

    /// The pixels the image files in `folder` hold, from their sizes alone (a gzipped file states
    /// its unpacked size in its last four bytes): enough to say whether a set fits in memory
    /// before a byte of it is read. Nil when a file cannot be found or read.
    public static func pixelCount(in folder: URL) -> Int? {
        var total = 0
        for stem in ["train-images-idx3-ubyte", "t10k-images-idx3-ubyte"] {
            guard let pixels = statedPixels(stem, in: folder) else { return nil }
            total += pixels
        }
        return total
    }

    /// How many training images `folder` (or, when nil, the shipped subset) holds, as its image
    /// file's size states it: enough to check an image's index before a byte is read. Nil when
    /// the file cannot be found or read.
    public static func statedTrainingCount(in folder: URL?) -> Int? {
        guard
            let folder = folder ?? Bundle.module.url(forResource: "mnist-small", withExtension: nil)
        else { return nil }
        return statedPixels("train-images-idx3-ubyte", in: folder).map { $0 / (28 * 28) }
    }

    /// The pixels one image file states it holds: its size less the 16-byte header, unpacked.
    static func statedPixels(_ stem: String, in folder: URL) -> Int? {
        let url = file(stem, in: folder)
        // Only an ordinary file (or a link to one) is opened: opening a pipe named like the data
        // would wait for a writer for ever.
        var info = stat()
        guard stat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(info.st_size)
        guard url.pathExtension == "gz" else { return max(0, size - 16) }
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        guard size >= 4, (try? handle.seek(toOffset: UInt64(size - 4))) != nil,
            let tail = try? handle.read(upToCount: 4), tail.count == 4
        else { return nil }
        return max(0, statedSize(ofGzipEndingIn: tail) - 16)
    }

    /// The subset that ships with the lessons: 10,000 training and 2,000 test digits, the first
    /// of the official sets, so every lesson runs offline.
    public static func shipped() throws -> MNIST {
        guard let folder = Bundle.module.url(forResource: "mnist-small", withExtension: nil) else {
            throw IDXError.unreadable(
                "mnist-small", reason: "the shipped subset is missing from the package resources")
        }
        return try MNIST(folder: folder)
    }
}

extension Digits {
    /// The digits packed for fast training: Float pixels and one-hot targets in contiguous rows.
    public func trainingSet(limit: Int? = nil) -> TrainingSet {
        let n = min(limit ?? count, count)
        return TrainingSet(
            inputSize: pixelsPerImage, outputSize: 10,
            inputs: bytes.withUnsafeBufferPointer { bytes in
                AlignedFloats(count: n * pixelsPerImage) { Float(bytes[$0]) / 256 }
            },
            targets: labels.prefix(n).flatMap { oneHot($0).map(Float.init) })
    }
}
