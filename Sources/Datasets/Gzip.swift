import CZlib
import Foundation

/// Whether `data` starts with the gzip signature 1f 8b.
func isGzip(_ data: Data) -> Bool {
    data.count >= 2 && data[data.startIndex] == 0x1F && data[data.startIndex + 1] == 0x8B
}

/// The size a gzip file says it unpacks to, read from its last four bytes (little-endian; the
/// last member's size, mod 2³²).
func statedSize(ofGzipEndingIn lastFour: some Collection<UInt8>) -> Int {
    lastFour.reversed().reduce(0) { $0 << 8 | Int($1) }
}

/// What unpacking gave: the data, or why not.
enum Gunzipped {
    case data(Data)
    case invalid
    /// It unpacks to more than the limit; unpacking stopped there.
    case tooLarge
}

/// Unpacks gzip data with the system's zlib, every member of it, stopping once it passes `limit`
/// bytes.
func gunzip(_ data: Data, limit: Int) -> Gunzipped {
    var stream = z_stream()
    // 16 + 15: expect a gzip header, with the largest window.
    guard
        inflateInit2_(&stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
            == Z_OK
    else { return .invalid }
    defer { inflateEnd(&stream) }
    var output = Data()
    // A gzip member ends with its unpacked length (mod 2³²): room for it at once, so the output
    // is not copied as it grows.
    output.reserveCapacity(min(statedSize(ofGzipEndingIn: data.suffix(4)), limit))
    let chunk = 1 << 20
    var buffer = [UInt8](repeating: 0, count: chunk)
    var status = Z_OK
    data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
        stream.next_in = UnsafeMutablePointer(
            mutating: input.bindMemory(to: Bytef.self).baseAddress)
        stream.avail_in = uInt(input.count)
        repeat {
            buffer.withUnsafeMutableBufferPointer { out in
                stream.next_out = out.baseAddress
                stream.avail_out = uInt(chunk)
                status = inflate(&stream, Z_NO_FLUSH)
                output.append(out.baseAddress!, count: chunk - Int(stream.avail_out))
            }
            // A gzip file may hold several members one after another (as `cat a.gz b.gz` makes):
            // each unpacks in turn.
            if status == Z_STREAM_END && stream.avail_in > 0 {
                status = inflateReset(&stream)
            }
        } while status == Z_OK && output.count <= limit
    }
    guard output.count <= limit else { return .tooLarge }
    return status == Z_STREAM_END ? .data(output) : .invalid
}
