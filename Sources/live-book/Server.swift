#if LiveBook
import Book
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import LessonKit
import Lessons
import Logging
import NIOCore
import Processes
import ServiceLifecycle

/// The server: Hummingbird on SwiftNIO. NIO reads each connection while a page is being made,
/// so the handler hears a reader leave (`Departure`) and stops that run.
func serve(_ settings: ServerSettings) async throws {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
        "live-book-\(getpid())-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let site = Site(
        pages: Pages(slots: cores, queueLength: 2 * cores, cacheBytes: settings.cacheBytes),
        running: Running(), scratch: scratch, workLimit: settings.workLimit)
    let router = Router(context: LiveContext.self)
    router.middlewares.add(Guarded(site: site))
    site.route(router)
    var quiet = Logger(label: "live-book")
    quiet.logLevel = .critical
    // NIO's own bounds on a request's head (80 KB) stand behind `Guarded`'s on the address.
    let http = HTTP1Channel.Configuration(
        additionalChannelHandlers: [Departure()], idleTimeout: .seconds(60))
    let app = Application(
        router: router, server: .http1(configuration: http),
        configuration: .init(address: .hostname(settings.host, port: settings.port)),
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? settings.port
            let shown = settings.host.contains(":") ? "[\(settings.host)]" : settings.host
            Output.line("The live book is at http://\(shown):\(port)/ (Ctrl-C stops it).")
            if !["127.0.0.1", "localhost", "::1"].contains(settings.host) {
                Output.line(
                    "Warning: listening on \(settings.host), so anyone who can reach this machine "
                        + "can run lessons on it.")
            }
        },
        logger: quiet)
    let group = ServiceGroup(services: [app], logger: quiet)
    // INT and TERM: no run starts, those under way are stopped (their readers get a page that
    // says so), and then the server closes, once the answers are sent.
    let signals = [SIGINT, SIGTERM].map { number in
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler {
            Task {
                await site.pages.stop()
                await site.running.stopAll()
                await group.triggerGracefulShutdown()
            }
        }
        source.resume()
        return source
    }
    defer { signals.forEach { $0.cancel() } }
    do {
        try await group.run()
    } catch let error as IOError {
        throw CannotListen(reason: bindProblem(error, settings))
    } catch is SocketAddressError.UnknownHost {
        throw CannotListen(
            reason: "\(settings.host) is not an address this machine knows: check --host "
                + "(127.0.0.1, this machine only, is the default)")
    }
    await site.running.stopAll()
    Output.line("Stopped: the live book is closed.")
}

/// The server could not listen where it was asked to.
struct CannotListen: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}

/// Why the server could not listen, in one sentence.
func bindProblem(_ error: IOError, _ settings: ServerSettings) -> String {
    let place = "\(settings.host):\(settings.port)"
    switch error.errnoCode {
    case EADDRINUSE: return "port \(settings.port) is in use: choose another with --port"
    case EACCES: return "may not listen on \(place) (ports below 1024 need root): use --port"
    case EADDRNOTAVAIL: return "\(settings.host) is not an address of this machine: check --host"
    default: return "could not listen on \(place): \(error.description)"
    }
}

/// Each request's context: Hummingbird's, and the connection it came on.
struct LiveContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

/// Hears a connection's reader leave: the peer closed its side, or the connection closed.
///
/// Between requests the connection is read only when the handler asks for the next request, so
/// while a page is being made nothing would read the close. While a run waits on the reader, this
/// asks for reads itself (a few dozen at most, so a reader that sends and sends fills nothing).
final class Departure: ChannelInboundHandler, RemovableChannelHandler, @unchecked Sendable {
    typealias InboundIn = NIOAny
    private let lock = NSLock()
    private var gone = false
    private var waiting: [UUID: @Sendable () -> Void] = [:]
    private var context: ChannelHandlerContext?
    private var readsAsked = 0
    static let mostReads = 64

    func handlerAdded(context: ChannelHandlerContext) {
        lock.withLock { self.context = context }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        lock.withLock { self.context = nil }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed { leave() }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        leave()
        context.fireChannelInactive()
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.fireChannelReadComplete()
        readWhileWatched(context)
    }

    /// Asks for another read while a run waits on this reader.
    private func readWhileWatched(_ context: ChannelHandlerContext) {
        let more = lock.withLock {
            guard !waiting.isEmpty, !gone, readsAsked < Self.mostReads else { return false }
            readsAsked += 1
            return true
        }
        if more { context.read() }
    }

    private func leave() {
        let told = lock.withLock {
            gone = true
            defer { waiting.removeAll() }
            return Array(waiting.values)
        }
        told.forEach { $0() }
    }

    /// Calls `action` when the reader leaves (at once if it has); the name forgets it.
    func onLeave(_ action: @escaping @Sendable () -> Void) -> UUID {
        let name = UUID()
        let (now, context) = lock.withLock {
            if gone { return (true, self.context) }
            waiting[name] = action
            readsAsked = 0
            return (false, self.context)
        }
        if now {
            action()
        } else if let context {
            context.eventLoop.execute { self.readWhileWatched(context) }
        }
        return name
    }

    func forget(_ name: UUID) {
        lock.withLock { _ = waiting.removeValue(forKey: name) }
    }
}

/// The runs under way, so that a graceful stop can stop them all.
actor Running {
    private var tasks: [UUID: Task<FinishedPage, any Error>] = [:]

    func add(_ task: Task<FinishedPage, any Error>) -> UUID {
        let name = UUID()
        tasks[name] = task
        return name
    }

    func remove(_ name: UUID) { tasks[name] = nil }

    func stopAll() async {
        for task in tasks.values { task.cancel() }
        for task in tasks.values { _ = try? await task.value }
        tasks.removeAll()
    }
}

/// What every response carries, one log line a request, and the request's shape checked before
/// any route sees it: GET only, a bounded address.
struct Guarded: RouterMiddleware {
    typealias Context = LiveContext
    let site: Site

    /// The longest address taken, in bytes: a lesson's every option fits in far less.
    static let longestAddress = 4096

    func handle(
        _ request: Request, context: LiveContext,
        next: (Request, LiveContext) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        var response: Response
        if request.method != .get {
            response = site.message(
                .methodNotAllowed, "The live book only reads: it takes GET requests only.")
            response.headers[.allow] = "GET"
        } else if request.uri.string.utf8.count > Self.longestAddress {
            response = site.message(
                .uriTooLong,
                "This address is longer than \(Self.longestAddress) bytes: no lesson's options "
                    + "need as many.")
        } else {
            do {
                response = try await next(request, context)
            } catch let error as HTTPError where error.status == .notFound {
                response = site.message(.notFound, "There is no such page in the live book.")
            } catch {
                response = site.message(.internalServerError, "The page failed: \(error).")
            }
        }
        response.headers[.contentSecurityPolicy] =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "no-referrer"
        let took = (ContinuousClock.now - start).components
        let milliseconds = Double(took.seconds) * 1000 + Double(took.attoseconds) / 1e15
        let shown = request.uri.string.prefix(200).map { $0.isASCII && !$0.isNewline ? $0 : "?" }
        Processes.Output.line(
            "\(request.method) \(String(shown)) \(response.status.code) "
                + String(format: "%.1f ms", milliseconds)
                + (response.headers[Site.servedFrom].map { " (\($0))" } ?? ""))
        response.headers[Site.servedFrom] = nil
        return response
    }
}

extension HTTPField.Name {
    static let xContentTypeOptions = Self("X-Content-Type-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
}
#else
import ArgumentParser

/// Built without the LiveBook trait: says how to get the server.
func serve(_ settings: ServerSettings) async throws {
    throw ValidationError(
        "this build leaves out the live book's server: run it with "
            + "`swift run --traits LiveBook live-book`")
}
#endif
