import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The channel between the checker and its child: one JSON message a line, each line the child
/// sends starting with the check's nonce. The nonce is given to the child before any of the
/// learner's code runs, so a line the learner's code writes cannot pass for the child's.
public struct Wire: Sendable {
    public let nonce: String

    public init(nonce: String) {
        self.nonce = nonce
    }

    /// A fresh nonce: 128 random bits in hex.
    public static func freshNonce() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in String(generator.next() as UInt64, radix: 16) }.joined(
            separator: "-")
    }

    /// The longest line either side takes: 64 MB.
    public static let longestLine = 64 << 20

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }()

    public static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }()

    /// `value` as one line, with the nonce in front.
    public func line(_ value: some Encodable) throws -> Data {
        var data = Data((nonce + " ").utf8)
        data.append(try Wire.encoder.encode(value))
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// The message in `line`, which must start with the nonce; nil for any other line.
    public func message<T: Decodable>(_ type: T.Type, in line: Data) -> T? {
        let prefix = Data((nonce + " ").utf8)
        guard line.starts(with: prefix) else { return nil }
        return try? Wire.decoder.decode(type, from: line.dropFirst(prefix.count))
    }
}

/// Writes all of `data` to `fd`; false when the other end has gone.
@discardableResult
public func writeAll(_ data: Data, to fd: Int32) -> Bool {
    data.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return false }
            offset += written
        }
        return true
    }
}

/// Lines read from a descriptor, each at most `Wire.longestLine` long.
public final class LineReader {
    let fd: Int32
    var pending = Data()

    public init(fd: Int32) {
        self.fd = fd
    }

    /// Why no line came.
    public enum Stop: Error, Equatable {
        /// The other end closed the channel.
        case ended
        /// The deadline passed first.
        case timedOut
        /// A line longer than `Wire.longestLine`.
        case tooLong
    }

    /// The next line, without its newline. With a deadline, waits no later than it; `alsoDrain`
    /// is given what arrives meanwhile on another descriptor (a child's error stream, which must
    /// not fill up while the child waits to write an answer).
    public func next(
        before deadline: ContinuousClock.Instant? = nil,
        alsoDrain other: (fd: Int32, take: (Data) -> Void)? = nil
    ) throws(Stop) -> Data {
        var otherOpen = other != nil
        while true {
            if let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = pending[pending.startIndex..<end]
                pending.removeSubrange(pending.startIndex...end)
                return Data(line)
            }
            if pending.count > Wire.longestLine { throw .tooLong }
            var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
            if otherOpen, let other {
                fds.append(pollfd(fd: other.fd, events: Int16(POLLIN), revents: 0))
            }
            var wait: Int32 = -1
            if let deadline {
                let left = deadline - ContinuousClock.now
                if left <= .zero { throw .timedOut }
                let (seconds, attoseconds) = left.components
                wait = Int32(min(seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1, 1000))
            }
            let ready = poll(&fds, nfds_t(fds.count), wait)
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { continue }
            if otherOpen, let other, fds[1].revents != 0 {
                if let chunk = readChunk(other.fd) { other.take(chunk) } else { otherOpen = false }
            }
            if fds[0].revents != 0 {
                guard let chunk = readChunk(fd) else {
                    throw .ended
                }
                pending.append(chunk)
            }
        }
    }

    /// Up to 64 KB from `fd`; nil at its end.
    func readChunk(_ fd: Int32) -> Data? {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            return count > 0 ? Data(buffer[0..<count]) : nil
        }
    }
}
