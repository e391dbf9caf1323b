import Foundation

/// The bytes of a stream that may never end (a child that prints without stopping), kept within a
/// bound: the first and the last `half` bytes, and a count of those left out between them.
public struct BoundedBytes: Sendable {
    /// How many bytes are kept at each end.
    public let half: Int
    private var head = Data()
    private var tail = Data()
    /// How many bytes were left out between the two ends.
    public private(set) var leftOut = 0

    public init(half: Int = 16_384) {
        self.half = half
    }

    /// Adds the next bytes of the stream.
    public mutating func append(_ bytes: Data) {
        var rest = bytes[...]
        if head.count < half {
            let taken = min(half - head.count, rest.count)
            head += rest.prefix(taken)
            rest = rest.dropFirst(taken)
        }
        guard !rest.isEmpty else { return }
        tail += rest
        if tail.count > half {
            leftOut += tail.count - half
            tail = Data(tail.suffix(half))
        }
    }

    /// The text kept, with a line saying how much was left out in the middle.
    public var text: String {
        let middle = leftOut == 0 ? "" : "\n[… \(leftOut) bytes left out …]\n"
        return String(decoding: head, as: UTF8.self) + middle
            + String(decoding: tail, as: UTF8.self)
    }

    /// Reads `handle` to its end, keeping at most `half` bytes at each end.
    public static func read(_ handle: FileHandle, half: Int = 16_384) -> BoundedBytes {
        var kept = BoundedBytes(half: half)
        while let chunk = try? handle.read(upToCount: 1 << 16), !chunk.isEmpty {
            kept.append(chunk)
        }
        return kept
    }
}
