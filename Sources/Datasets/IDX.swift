import Foundation

/// What can be wrong with an IDX file, each naming the file.
public enum IDXError: Error, Equatable, CustomStringConvertible {
    case unreadable(String, reason: String)
    case notGzip(String)
    case wrongMagic(String, found: UInt32, expected: UInt32)
    case truncated(String, expectedBytes: Int, actualBytes: Int)
    case countMismatch(images: String, imageCount: Int, labels: String, labelCount: Int)
    case badLabel(String, value: UInt8)
    case tooLong(String, expectedBytes: Int, actualBytes: Int)
    case impossibleSize(String, dimensions: [UInt32])
    case tooLarge(String, limit: DataLimit)
    case wrongImageSize(String, rows: Int, columns: Int)
    case empty(String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "cannot read \(path): \(reason)"
        case let .notGzip(path):
            return "\(path) ends in .gz but is not valid gzip data (a damaged or partial download?)"
        case let .wrongMagic(path, found, expected):
            return
                "\(path) is not an IDX file of the expected kind: magic number "
                + "0x\(String(found, radix: 16)), expected "
                + "0x\(String(format: "%08x", expected))"
        case let .truncated(path, expected, actual):
            return
                "\(path) is truncated: its header promises \(expected) bytes, the file has "
                + "\(actual)"
        case let .countMismatch(images, imageCount, labels, labelCount):
            return
                "\(images) holds \(imageCount) images but \(labels) holds \(labelCount) labels: "
                + "they must match"
        case let .badLabel(path, value):
            return "\(path) holds the label \(value); digit labels are 0 to 9"
        case let .tooLong(path, expected, actual):
            return
                "\(path) is longer than its header says: \(expected) bytes promised, \(actual) in "
                + "the file (a damaged or wrong file?)"
        case let .impossibleSize(path, dimensions):
            return
                "\(path) has a header with impossible sizes "
                + "(\(dimensions.map(String.init).joined(separator: " × "))): the file is "
                + "damaged"
        case let .tooLarge(path, limit):
            let size = "\(path) is or unpacks to more than \(limit.bytes / 1_000_000) MB"
            guard limit.bytes > DataLimit.largestMNIST else {
                // A limit set below MNIST's own files: the limit, not the file, is odd.
                let setter = limit.raisedBy.map { "the limit \($0) sets" } ?? "the limit given"
                return "\(size), \(setter) (MNIST's largest file is 47 MB): raise it"
            }
            let raise = limit.raisedBy.map { "; if it is meant to be this large, raise \($0)" }
            return
                "\(size), far more than any MNIST file (the largest is 47 MB): it is damaged or "
                + "not MNIST" + (raise ?? "")
        case let .wrongImageSize(path, rows, columns):
            return
                "\(path) holds images of \(rows)×\(columns) pixels; the digit network reads 28×28 "
                + "= 784 pixels, as MNIST's are"
        case let .empty(path):
            return "\(path) holds no examples at all; a training or test set needs at least one"
        }
    }
}

/// The most a data file may hold, packed or unpacked, and how a person raises it.
public struct DataLimit: Sendable, Equatable {
    public let bytes: Int
    /// The option that raises it, as it is typed ("--data-limit <MB>"), or nil where none does.
    public let raisedBy: String?

    public init(bytes: Int, raisedBy: String?) {
        self.bytes = bytes
        self.raisedBy = raisedBy
    }

    /// No MNIST file holds more than 47 MB; past 512 MB a file is taken to be damaged.
    public static let standard = DataLimit(bytes: 512_000_000, raisedBy: nil)

    /// MNIST's largest file, the training images unpacked: 60,000 × 784 bytes and a header.
    public static let largestMNIST = 47_040_016
}

extension IDXFile {
    /// Refuses, before a byte is read, what cannot be an IDX file: a missing path, a folder, a
    /// pipe or a device, a file this user may not read, or one larger than `limit`.
    static func checkBeforeReading(_ path: String, limit: DataLimit) throws {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw IDXError.unreadable(path, reason: "no such file")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw IDXError.unreadable(path, reason: "it is a folder, not a file")
        default:
            throw IDXError.unreadable(
                path, reason: "it is not an ordinary file (a pipe, a socket or a device)")
        }
        guard access(path, R_OK) == 0 else {
            throw IDXError.unreadable(path, reason: "permission denied")
        }
        guard Int(info.st_size) <= limit.bytes else {
            throw IDXError.tooLarge(path, limit: limit)
        }
    }
}

/// The contents of an IDX file: its dimensions and its bytes (the format MNIST ships in).
///
/// An IDX file starts with a magic number (0x0000_08NN: unsigned bytes, NN dimensions), then
/// one big-endian 32-bit size per dimension, then the data.
public struct IDXFile: Sendable {
    public let dimensions: [Int]
    public let bytes: [UInt8]

    /// 0x00000803: unsigned bytes in three dimensions (count × rows × columns), as image files.
    public static let imagesMagic: UInt32 = 0x0000_0803
    /// 0x00000801: unsigned bytes in one dimension, as label files.
    public static let labelsMagic: UInt32 = 0x0000_0801
    /// Reads an IDX file, gzipped or not, checking the magic number and the size. Neither the
    /// file nor what it unpacks to may pass `limit`.
    public init(contentsOf url: URL, magic: UInt32, limit: DataLimit = .standard) throws {
        let path = url.path
        try Self.checkBeforeReading(path, limit: limit)
        var data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw IDXError.unreadable(path, reason: "it could not be read to its end")
        }
        if isGzip(data) {
            switch gunzip(data, limit: limit.bytes) {
            case .data(let unpacked): data = unpacked
            case .invalid: throw IDXError.notGzip(path)
            case .tooLarge: throw IDXError.tooLarge(path, limit: limit)
            }
        } else if url.pathExtension == "gz" {
            throw IDXError.notGzip(path)
        }
        // The file is read once and its data copied out once: no third copy of a large file.
        let start = data.startIndex
        func word(_ index: Int) -> UInt32 {
            data[(start + index)..<(start + index + 4)].reduce(0) { $0 << 8 | UInt32($1) }
        }
        let dimensionCount = Int(magic & 0xFF)
        let headerSize = 4 + 4 * dimensionCount
        guard data.count >= 4 else {
            throw IDXError.truncated(path, expectedBytes: headerSize, actualBytes: data.count)
        }
        guard word(0) == magic else {
            throw IDXError.wrongMagic(path, found: word(0), expected: magic)
        }
        guard data.count >= headerSize else {
            throw IDXError.truncated(path, expectedBytes: headerSize, actualBytes: data.count)
        }
        let sizes = (0..<dimensionCount).map { word(4 + 4 * $0) }
        // The sizes multiply to the number of data bytes; a damaged header can make that overflow.
        var product = 1
        for size in sizes {
            let (next, overflow) = product.multipliedReportingOverflow(by: Int(size))
            guard !overflow, next <= limit.bytes else {
                throw IDXError.impossibleSize(path, dimensions: sizes)
            }
            product = next
        }
        let dimensions = sizes.map(Int.init)
        let expected = headerSize + product
        guard data.count >= expected else {
            throw IDXError.truncated(path, expectedBytes: expected, actualBytes: data.count)
        }
        guard data.count == expected else {
            throw IDXError.tooLong(path, expectedBytes: expected, actualBytes: data.count)
        }
        self.dimensions = dimensions
        self.bytes = [UInt8](data[(start + headerSize)..<(start + expected)])
    }
}
