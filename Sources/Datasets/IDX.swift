import Foundation

/// What can be wrong with an IDX file, each naming the file.
public enum IDXError: Error, Equatable, CustomStringConvertible {
    case unreadable(String, reason: String)
    case notGzip(String)
    case wrongMagic(String, found: UInt32, expected: UInt32)
    case truncated(String, expectedBytes: Int, actualBytes: Int)
    case countMismatch(images: String, imageCount: Int, labels: String, labelCount: Int)
    case badLabel(String, value: UInt8)

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "cannot read \(path): \(reason)"
        case let .notGzip(path):
            return "\(path) ends in .gz but is not valid gzip data (a damaged or partial download?)"
        case let .wrongMagic(path, found, expected):
            return "\(path) is not an IDX file of the expected kind: magic number 0x\(String(found, radix: 16)), expected 0x\(String(format: "%08x", expected))"
        case let .truncated(path, expected, actual):
            return "\(path) is truncated: its header promises \(expected) bytes, the file has \(actual)"
        case let .countMismatch(images, imageCount, labels, labelCount):
            return "\(images) holds \(imageCount) images but \(labels) holds \(labelCount) labels: they must match"
        case let .badLabel(path, value):
            return "\(path) holds the label \(value); digit labels are 0 to 9"
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

    /// Reads an IDX file, gzipped or not, checking the magic number and the size.
    public init(contentsOf url: URL, magic: UInt32) throws {
        let path = url.path
        var data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "it cannot be opened" : "no such file"
            throw IDXError.unreadable(path, reason: reason)
        }
        if isGzip(data) {
            guard let unpacked = gunzip(data) else { throw IDXError.notGzip(path) }
            data = unpacked
        } else if url.pathExtension == "gz" {
            throw IDXError.notGzip(path)
        }
        let bytes = [UInt8](data)
        func word(_ index: Int) -> UInt32 {
            bytes[index..<(index + 4)].reduce(0) { $0 << 8 | UInt32($1) }
        }
        let dimensionCount = Int(magic & 0xFF)
        let headerSize = 4 + 4 * dimensionCount
        guard bytes.count >= 4 else { throw IDXError.truncated(path, expectedBytes: headerSize, actualBytes: bytes.count) }
        guard word(0) == magic else { throw IDXError.wrongMagic(path, found: word(0), expected: magic) }
        guard bytes.count >= headerSize else { throw IDXError.truncated(path, expectedBytes: headerSize, actualBytes: bytes.count) }
        let dimensions = (0..<dimensionCount).map { Int(word(4 + 4 * $0)) }
        let expected = headerSize + dimensions.reduce(1, *)
        guard bytes.count >= expected else { throw IDXError.truncated(path, expectedBytes: expected, actualBytes: bytes.count) }
        self.dimensions = dimensions
        self.bytes = Array(bytes[headerSize..<expected])
    }
}
