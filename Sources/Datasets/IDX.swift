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
    case tooLarge(String, limit: Int)
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
            return
                "\(path) is or unpacks to more than \(limit / 1_000_000) MB, far more than any "
                + "MNIST file: the file is damaged or not MNIST"
        case let .wrongImageSize(path, rows, columns):
            return
                "\(path) holds images of \(rows)×\(columns) pixels; the digit network reads 28×28 "
                + "= 784 pixels, as MNIST's are"
        case let .empty(path):
            return "\(path) holds no examples at all; a training or test set needs at least one"
        }
    }
}

extension IDXFile {
    /// Refuses, before a byte is read, what cannot be an IDX file: a missing path, a folder, a
    /// pipe or a device, a file this user may not read, or one larger than `largestFile`.
    static func checkBeforeReading(_ path: String) throws {
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
        guard Int(info.st_size) <= largestFile else {
            throw IDXError.tooLarge(path, limit: largestFile)
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
    /// No MNIST file holds more than 50 MB; anything past 512 MB is damage, refused before it is
    /// unpacked.
    public static let largestFile = 512_000_000

    /// Reads an IDX file, gzipped or not, checking the magic number and the size.
    public init(contentsOf url: URL, magic: UInt32) throws {
        let path = url.path
        try Self.checkBeforeReading(path)
        var data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw IDXError.unreadable(path, reason: "it could not be read to its end")
        }
        if isGzip(data) {
            switch gunzip(data, limit: Self.largestFile) {
            case .data(let unpacked): data = unpacked
            case .invalid: throw IDXError.notGzip(path)
            case .tooLarge: throw IDXError.tooLarge(path, limit: Self.largestFile)
            }
        } else if url.pathExtension == "gz" {
            throw IDXError.notGzip(path)
        }
        let bytes = [UInt8](data)
        func word(_ index: Int) -> UInt32 {
            bytes[index..<(index + 4)].reduce(0) { $0 << 8 | UInt32($1) }
        }
        let dimensionCount = Int(magic & 0xFF)
        let headerSize = 4 + 4 * dimensionCount
        guard bytes.count >= 4 else {
            throw IDXError.truncated(path, expectedBytes: headerSize, actualBytes: bytes.count)
        }
        guard word(0) == magic else {
            throw IDXError.wrongMagic(path, found: word(0), expected: magic)
        }
        guard bytes.count >= headerSize else {
            throw IDXError.truncated(path, expectedBytes: headerSize, actualBytes: bytes.count)
        }
        let sizes = (0..<dimensionCount).map { word(4 + 4 * $0) }
        // The sizes multiply to the number of data bytes; a damaged header can make that overflow.
        var product = 1
        for size in sizes {
            let (next, overflow) = product.multipliedReportingOverflow(by: Int(size))
            guard !overflow, next <= Self.largestFile else {
                throw IDXError.impossibleSize(path, dimensions: sizes)
            }
            product = next
        }
        let dimensions = sizes.map(Int.init)
        let expected = headerSize + product
        guard bytes.count >= expected else {
            throw IDXError.truncated(path, expectedBytes: expected, actualBytes: bytes.count)
        }
        guard bytes.count == expected else {
            throw IDXError.tooLong(path, expectedBytes: expected, actualBytes: bytes.count)
        }
        self.dimensions = dimensions
        self.bytes = Array(bytes[headerSize..<expected])
    }
}
