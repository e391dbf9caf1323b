import ArgumentParser
import Book
import Foundation
import LessonKit
import Lessons
import Plotting
import Processes

@main
enum Main {
    /// A refusal is one line, as the lessons' are.
    static func main() async {
        await runWithOneLineErrors(LiveBook.self)
    }
}

/// `swift run --traits LiveBook live-book`: the lesson book, live. Every option of every lesson
/// is a control on its page, the address holds the whole run, and any run can be pinned to
/// compare the next ones with.
struct LiveBook: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live-book",
        abstract: "The lesson book in the browser, live: change any option, pin a run, compare.",
        discussion:
            "Open the address it prints. It listens on 127.0.0.1 only, unless --host says "
            + "otherwise; Ctrl-C stops it.",
        subcommands: [OnePage.self])

    @Option(
        parsing: .unconditional,
        help: "The port to listen on (0: any free one; the address is printed).")
    var port = 8080

    @Option(help: "The address to listen on. Anything but 127.0.0.1 lets other machines in.")
    var host = "127.0.0.1"

    @Option(
        parsing: .unconditional,
        help: "The most the finished pages may keep in memory, in megabytes.")
    var cacheMb = 64

    @Option(
        parsing: .unconditional,
        help: "The most a run may take by the lesson's own estimate, in seconds.")
    var workLimit = LivePage.defaultWorkLimit

    func validate() throws {
        try Check.count(port, "--port", in: 0...65535)
        try Check.count(cacheMb, "--cache-mb", in: 1...4096)
        try Check.positive(workLimit, "--work-limit")
        try Check.atMost(workLimit, "--work-limit", 3600)
        guard !host.isEmpty, host.count <= 255, !host.contains(where: \.isWhitespace) else {
            throw ValidationError(
                "--host must be an address such as 127.0.0.1 (got \(Check.typed(host)))")
        }
    }

    func run() async throws {
        Memory.boundThreadHeaps()
        let settings = ServerSettings(
            host: host, port: port, cacheBytes: cacheMb * 1_000_000, workLimit: workLimit)
        try await serve(settings)
    }
}

/// What the server is started with.
struct ServerSettings: Sendable {
    let host: String
    let port: Int
    let cacheBytes: Int
    let workLimit: Double
}

/// `live-book page`: one run written as a page, into a folder the server names. The server runs
/// it as a child of its own, so that a run whose reader has gone is stopped with all it started.
struct OnePage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "page", abstract: "Write one live page (the server's child).",
        shouldDisplay: false)

    @Argument var lesson: String
    @Option var query = ""
    @Option var pin: String?
    @Option var chartsAt: String
    @Option var into: String
    @Option var workLimit = LivePage.defaultWorkLimit
    @Option var gnuplotTimeout = Gnuplot.defaultTimeLimit

    func run() throws {
        Memory.boundThreadHeaps()
        Interruption.install()
        guard let type = Catalogue.lessons.first(where: { $0.info.folderName == lesson }) else {
            throw ValidationError("there is no lesson '\(Check.typed(lesson))'")
        }
        do {
            var page = try LivePage(
                type, query: query, pin: pin, lessons: Catalogue.lessons, chartsAt: chartsAt,
                gnuplot: Gnuplot.locate())
            page.workLimit = workLimit
            page.timeLimit = gnuplotTimeout
            try page.write(into: URL(fileURLWithPath: into))
        } catch {
            // One line for the server to show: the lesson's refusal (64) or what went wrong (1).
            let refused = error is LiveRefusal || LiveBook.exitCode(for: error) != .failure
            let said =
                (error as? LiveRefusal)?.description
                ?? LiveBook.message(for: error).split(separator: "\n").joined(separator: " ")
            Output.error(said + "\n")
            throw refused ? ExitCode.validationFailure : ExitCode.failure
        }
    }
}
