import Foundation
import Processes

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `live-book` started as a learner starts it, on a free port: its address, its log, and a way to
/// stop it as Ctrl-C does.
public final class LiveServer: @unchecked Sendable {
    public let process: Process
    public let address: String
    private let lock = NSLock()
    private var printed = ""

    public struct DidNotStart: Error, CustomStringConvertible {
        public let description: String
    }

    /// Starts the server and waits for the line that gives its address.
    public init(_ arguments: [String] = [], gnuplotFolder: URL? = nil) throws {
        guard let binary = builtProgram("live-book") else {
            throw DidNotStart(description: "live-book is not built beside the tests")
        }
        process = Process()
        process.executableURL = binary
        process.arguments = ["--port", "0"] + arguments
        if let gnuplotFolder {
            var environment = ProcessInfo.processInfo.environment
            environment["PATH"] = gnuplotFolder.path + ":" + (environment["PATH"] ?? "")
            process.environment = environment
        }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let reading = output.fileHandleForReading
        var found: String?
        let deadline = Date().addingTimeInterval(60)
        var text = ""
        while found == nil, Date() < deadline {
            let chunk = reading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
            found = text.firstMatch(of: /http:\/\/[0-9.]+:[0-9]+/).map { String($0.output) }
        }
        guard let found else {
            process.terminate()
            throw DidNotStart(description: "live-book gave no address: \(text)")
        }
        address = found
        printed = text
        let lock = self.lock
        reading.readabilityHandler = { [weak self] handle in
            let chunk = handle.availableData
            if chunk.isEmpty {
                handle.readabilityHandler = nil
                return
            }
            lock.withLock { self?.printed += String(decoding: chunk, as: UTF8.self) }
        }
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Everything the server has printed so far: its address line, then one line a request.
    public var log: String { lock.withLock { printed } }

    public var pid: pid_t { process.processIdentifier }

    /// Stops the server with `signal` (Ctrl-C's SIGINT by default) and waits for it to end; its
    /// exit status, or nil if it did not end within `limit` seconds.
    public func stop(_ signal: Int32 = SIGINT, limit: Double = 30) -> Int32? {
        kill(pid, signal)
        let deadline = Date().addingTimeInterval(limit)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// Fetches a path: the status, the headers (names in lower case) and the body.
    public func get(_ path: String, timeout: Double = 60) async throws -> Fetched {
        try await fetch(address + path, timeout: timeout)
    }
}

/// An HTTP answer, as a test reads it.
public struct Fetched: Sendable {
    public let status: Int
    public let headers: [String: String]
    public let body: Data
    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// Fetches `url` with redirects not followed.
public func fetch(_ url: String, timeout: Double = 60) async throws -> Fetched {
    guard let address = URL(string: url) else {
        throw LiveServer.DidNotStart(description: "not an address: \(url)")
    }
    var request = URLRequest(url: address)
    request.timeoutInterval = timeout
    let session = URLSession(
        configuration: .ephemeral, delegate: NoRedirects(), delegateQueue: nil)
    defer { session.finishTasksAndInvalidate() }
    let (body, response) = try await session.data(for: request)
    let http = response as? HTTPURLResponse
    var headers: [String: String] = [:]
    for (name, value) in http?.allHeaderFields ?? [:] {
        headers[String(describing: name).lowercased()] = String(describing: value)
    }
    return Fetched(status: http?.statusCode ?? 0, headers: headers, body: body)
}

private final class NoRedirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask,
        willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest,
        completionHandler: @escaping (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}

/// Sends `request` as it is, bytes and all, to the server on this machine at `port`, and reads
/// the answer until the server closes the connection or `limit` seconds pass. Nothing between
/// the test and the server rewrites it (a client would resolve `..` in a path).
public func rawExchange(port: Int, _ request: String, limit: Double = 30) throws -> String {
    let fd = try sendRaw(port: port, request)
    defer { close(fd) }
    var answer = Data()
    let deadline = Date().addingTimeInterval(limit)
    var buffer = [UInt8](repeating: 0, count: 65536)
    while Date() < deadline {
        var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&ready, 1, 200) > 0 else { continue }
        let count = recv(fd, &buffer, buffer.count, 0)
        guard count > 0 else { break }
        answer.append(contentsOf: buffer[0..<count])
    }
    return String(decoding: answer, as: UTF8.self)
}

/// Connects to the server on this machine at `port` and sends `request`: the connection, for the
/// caller to read from and to close.
public func sendRaw(port: Int, _ request: String) throws -> Int32 {
    // Closed on exec: a process another test starts meanwhile must not hold it open, or closing
    // it here would not end the connection.
    #if os(Linux)
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    #else
    let fd = socket(AF_INET, SOCK_STREAM, 0)
    _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    #endif
    guard fd >= 0 else { throw LiveServer.DidNotStart(description: "no socket") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
    }
    guard connected == 0 else {
        close(fd)
        throw LiveServer.DidNotStart(description: "no connection")
    }
    let bytes = Array(request.utf8)
    var sent = 0
    while sent < bytes.count {
        let count = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { break }
        sent += count
    }
    return fd
}

/// Opens a connection, asks for `path`, and closes the connection after `seconds`, as a reader
/// who leaves before the page comes.
public func leaveEarly(port: Int, path: String, after seconds: Double) throws {
    _ = try rawExchange(
        port: port, "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", limit: seconds)
}
