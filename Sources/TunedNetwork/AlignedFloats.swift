import Backprop

#if canImport(Glibc)
import Glibc
#endif

/// Floats in one block of memory that starts on a 64-byte boundary: a cache line, and the width
/// of the widest vectors. A row of 784 pixels is 49 cache lines, so in such a block every row of
/// the digits and every 784-weight row of a layer starts on a line of its own, and no load of
/// sixteen Floats straddles two lines (which costs a 512-bit load about twice as much).
///
/// The values are fixed once made, except through `FastNetwork`, which copies the block before
/// it writes if the block is shared.
public final class AlignedFloats: RandomAccessCollection, @unchecked Sendable {
    /// The first value.
    let base: UnsafeMutablePointer<Float>
    public let count: Int

    /// `count` values, each set by `value(index)`.
    public convenience init(count: Int, _ value: (Int) -> Float) {
        self.init(uninitialised: count)
        for index in 0..<count { base[index] = value(index) }
    }

    /// The values of `values`, in order.
    public convenience init(_ values: [Float]) {
        self.init(uninitialised: values.count)
        values.withUnsafeBufferPointer { values in
            if let first = values.baseAddress { base.update(from: first, count: values.count) }
        }
    }

    /// Room for `count` values, to be set before they are read (a Float needs no other setting
    /// up).
    private init(uninitialised count: Int) {
        precondition(count >= 0, "a count of values cannot be negative")
        let bytes = Swift.max(1, count) * MemoryLayout<Float>.stride
        // A block as large as a training set lies on 2 MB pages where the system allows it:
        // mini-batches read its rows in shuffled order, and on 4 KB pages nearly every row needs
        // the processor to look up a page of its own (measured while computing: 10 ms an epoch of
        // MNIST lost to fetching the rows on 4 KB pages, 4 ms on 2 MB pages).
        let large = bytes >= Self.largePage
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: large
                ? (bytes + Self.largePage - 1) / Self.largePage * Self.largePage : bytes,
            alignment: large ? Self.largePage : 64)
        #if canImport(Glibc)
        if large { _ = madvise(raw, bytes, MADV_HUGEPAGE) }
        #endif
        base = raw.bindMemory(to: Float.self, capacity: Swift.max(1, count))
        self.count = count
    }

    /// The size of a large page on x86-64 and on 64-bit ARM Linux.
    static let largePage = 2 << 20

    deinit {
        base.deallocate()
    }

    /// A block of its own holding the same values.
    func copy() -> AlignedFloats {
        let copy = AlignedFloats(uninitialised: count)
        copy.base.update(from: base, count: count)
        return copy
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(index: Int) -> Float {
        precondition(index >= 0 && index < count, "index \(index) is outside 0..<\(count)")
        return base[index]
    }

    /// The values as a buffer, for as long as `body` runs.
    public func withUnsafeBufferPointer<R>(
        _ body: (UnsafeBufferPointer<Float>) throws -> R
    )
        rethrows -> R
    {
        try body(UnsafeBufferPointer(start: base, count: count))
    }
}
