#if LiveBook
import Book
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import LessonKit
import Lessons
import NIOCore
import Plotting

/// The live book's routes: the list of lessons, a lesson's page for any options, the pictures of
/// the pages made, and the files the pages share. No part of a request names a file: a lesson is
/// found in the catalogue, a picture in a page kept in memory, a shared file in a fixed list.
struct Site: Sendable {
    let pages: Pages
    let running: Running
    let scratch: URL
    let workLimit: Double

    /// A header, never sent, that tells the log line whether a page was made or kept.
    static let servedFrom = HTTPField.Name("X-Live-Book-Served")!

    func route(_ router: Router<LiveContext>) {
        router.get("/") { _, _ in
            html(LiveSite.index(Catalogue.lessons))
        }
        router.get("/lessons/:name") { request, context in
            await lesson(request, context)
        }
        router.get("/charts/:page/:file") { _, context in
            await chart(context.parameters.get("page"), context.parameters.get("file"))
        }
        for name in ["book.css", "book.js", "live.js"] {
            router.get(RouterPath(name)) { _, _ in
                guard let asset = LiveSite.asset(name) else {
                    return message(.notFound, "There is no such page in the live book.")
                }
                var response = Response(
                    status: .ok, headers: [.contentType: asset.type],
                    body: .init(byteBuffer: ByteBuffer(bytes: asset.data)))
                response.headers[.cacheControl] = "no-cache"
                return response
            }
        }
    }

    /// A lesson's page for the options in the address: kept, or made by a child run.
    func lesson(_ request: Request, _ context: LiveContext) async -> Response {
        let name = context.parameters.get("name") ?? ""
        guard let lesson = Catalogue.lessons.first(where: { named($0.info, name) }) else {
            return message(.notFound, "There is no lesson '\(name)' in the live book.")
        }
        let raw = request.uri.query ?? ""
        // A page kept under this very address is served as it is: only a canonical address is
        // ever kept, so it was read and checked when it was made.
        let asked = request.uri.path + (raw.isEmpty ? "" : "?" + raw)
        if let kept = await pages.kept(shortName(asked)), kept.address == asked {
            var response = html(kept.html)
            response.headers[Site.servedFrom] = "kept"
            return response
        }
        let parameters = queryParameters(raw)
        let pins = parameters.filter { $0.name == "pin" }
        let query = parameters.filter { $0.name != "pin" }
            .map { $0.name + "=" + queryEscaped($0.value) }.joined(separator: "&")
        let page: LivePage
        do {
            guard pins.count < 2 else { throw LiveRefusal.repeated("pin") }
            let pin = pins.first.map { $0.value == "default" ? "" : $0.value }
            page = try LivePage(
                lesson, query: query, pin: pin, lessons: Catalogue.lessons, chartsAt: "",
                gnuplot: nil)
        } catch {
            return message(
                .badRequest, "\(error)", title: "Lesson \(lesson.info.number) cannot run so",
                back: "/lessons/" + lesson.info.folderName)
        }
        // One address for one run: any other spelling is sent to it.
        guard asked == page.path else {
            return Response(status: .found, headers: [.location: page.path])
        }
        return await make(page, key: shortName(page.path), lesson: lesson, context: context)
    }

    /// Makes a page in a child run, when a slot is free or comes free in the queue.
    func make(
        _ page: LivePage, key: String, lesson: any Lesson.Type, context: LiveContext
    ) async -> Response {
        guard await pages.enter() else {
            if await pages.isStopping {
                return message(
                    .serviceUnavailable, "The live book is stopping: no run starts now.",
                    title: "Stopping")
            }
            var response = message(
                .serviceUnavailable,
                "The live book is busy: \(pages.slots) runs are under way and "
                    + "\(pages.queueLength) wait. Try again in a few seconds.",
                title: "Busy")
            response.headers[.retryAfter] = "5"
            return response
        }
        var arguments = [lesson.info.folderName, "--query", page.query, "--charts-at"]
        arguments += ["/charts/" + key, "--work-limit", Format.formatForCommand(workLimit)]
        if let pin = page.pinQuery { arguments += ["--pin", pin] }
        let run = ChildRun(
            arguments: arguments, folder: scratch.appendingPathComponent(UUID().uuidString),
            limit: workLimit * 3 + 30)
        let task = Task { try await run.page() }
        let name = await running.add(task)
        let departure = try? await context.channel.pipeline.handler(type: Departure.self).get()
        let leaving = departure?.onLeave { task.cancel() }
        // Where the system tells a connection's state, it is asked too, four times a second.
        let watching = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(250))
                if await peerHasClosed(context.channel) { task.cancel() }
            }
        }
        defer { watching.cancel() }
        let result = await withTaskCancellationHandler {
            await task.result
        } onCancel: {
            task.cancel()
        }
        if let leaving { departure?.forget(leaving) }
        await running.remove(name)
        await pages.leave()
        let back = "/lessons/" + lesson.info.folderName
        switch result {
        case .success(var finished):
            finished.address = page.path
            await pages.keep(finished, as: key)
            var response = html(finished.html)
            response.headers[Site.servedFrom] = "made"
            return response
        case .failure(PageFailure.refused(let sentence)):
            return message(
                .badRequest, sentence, title: "Lesson \(lesson.info.number) cannot run so",
                back: back)
        case .failure(PageFailure.cancelled):
            let why = await pages.isStopping ? "the live book is stopping" : "its reader left"
            return message(.serviceUnavailable, "The run was stopped: \(why).")
        case .failure(let failure):
            let said = (failure as? PageFailure).map { "\($0)" } ?? "\(failure)"
            let sentence: String
            if case .failed(let words) = failure as? PageFailure {
                sentence = words
            } else {
                sentence = said
            }
            return message(
                .internalServerError, "The run failed: \(sentence)", title: "The run failed",
                back: back)
        }
    }

    /// Whether the reader has closed its side of the connection, as the system's TCP state says
    /// (Linux); elsewhere the `Departure` handler alone hears it.
    func peerHasClosed(_ channel: any Channel) async -> Bool {
        #if os(Linux)
        guard let socket = channel as? any SocketOptionProvider,
            let info = try? await socket.getTCPInfo().get()
        else { return !channel.isActive }
        // CLOSE_WAIT, CLOSE and LAST_ACK: the peer has sent its FIN, or the connection is gone.
        return [7, 8, 9].contains(info.tcpi_state) || !channel.isActive
        #else
        return !channel.isActive
        #endif
    }

    /// A picture of a page made here.
    func chart(_ page: String?, _ file: String?) async -> Response {
        guard let page, let file, let kept = await pages.kept(page),
            let data = kept.charts[file]
        else {
            return message(.notFound, "There is no such picture in the live book.")
        }
        var response = Response(
            status: .ok, headers: [.contentType: "image/svg+xml"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
        response.headers[.cacheControl] = "max-age=3600"
        return response
    }

    /// Whether `name` names the lesson: "04-learning-rates", "learning-rates", "4" or "04".
    func named(_ info: LessonInfo, _ name: String) -> Bool {
        [info.folderName, info.slug, String(info.number), info.paddedNumber].contains(name)
    }

    func html(_ text: String) -> Response { html(Data(text.utf8)) }

    func html(_ data: Data) -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A page that says one thing, with its status.
    func message(
        _ status: HTTPResponse.Status, _ sentence: String, title: String? = nil,
        back: String = "/"
    ) -> Response {
        let page = LiveSite.message(title ?? status.reasonPhrase, sentence, back: back)
        var response = html(page)
        response.status = status
        return response
    }
}
#endif
