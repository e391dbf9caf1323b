import ArgumentParser
import Foundation
import LessonKit
import Plotting
import Processes

/// `lesson doctor`: checks what the lessons need on this machine and says what to fix.
struct Doctor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract:
            "Check the setup: Swift, gnuplot and its terminals, fonts, the output folder, a test "
            + "render."
    )

    @Option(help: ArgumentHelp("The output folder to check.", valueName: "dir"))
    var out = "Plots"

    func run() throws {
        let folder = URL(fileURLWithPath: out)
        let checks = try waitFor { await Self.checks(out: folder) }
        var table = Table(["check", "", "found", "to fix"], leftAligned: [0, 1, 2, 3])
        for check in checks {
            table.add([
                check.name, check.ok ? "ok" : (check.essential ? "PROBLEM" : "warning"),
                check.found, check.fix,
            ])
        }
        print("Backprop Lessons: checking this machine")
        table.lines().forEach { print("  " + $0) }
        let failed = checks.filter { !$0.ok && $0.essential }
        let need = failed.count == 1 ? "One check above needs" : "\(failed.count) checks above need"
        print(
            failed.isEmpty
                ? "\nAll set: `swift run lesson 4` draws its charts."
                : "\n\(need) fixing before the charts can be drawn."
        )
        if !failed.isEmpty { throw ExitCode.failure }
    }

    /// One line of the report.
    struct Check: Sendable {
        let name: String, ok: Bool, essential: Bool, found: String, fix: String
    }

    /// The installer command for this system, for the "to fix" column.
    static var install: String {
        #if os(macOS)
        return "brew install gnuplot"
        #else
        return "apt-get install gnuplot-nox (with sudo unless root)"
        #endif
    }

    /// Every check, each question to a program allowed `limit` seconds.
    static func checks(out: URL, limit: Double = 10) async -> [Check] {
        let found = Gnuplot.locate()
        let gnuplot = await gnuplotChecks(found, limit: limit)
        var checks =
            [Check(name: "Swift", ok: true, essential: true, found: swiftVersion, fix: "")]
            + gnuplot + [await fontCheck(limit: limit), folderCheck(out)]
        if gnuplot[0].ok, let found { checks.append(testRender(found, limit: limit)) }
        return checks
    }

    /// gnuplot itself and the terminals the lessons draw with. A gnuplot that does not answer is
    /// reported once, and not asked again.
    static func gnuplotChecks(_ gnuplot: Gnuplot?, limit: Double) async -> [Check] {
        guard let gnuplot else {
            return [
                Check(
                    name: "gnuplot", ok: false, essential: true, found: "not on PATH", fix: install)
            ]
        }
        let version: String
        do {
            version = try await capture(gnuplot.executable, ["--version"], limit: limit)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            return [
                Check(
                    name: "gnuplot", ok: false, essential: true, found: "\(error)",
                    fix: "reinstall it: \(install)")
            ]
        }
        var checks = [
            Check(
                name: "gnuplot", ok: true, essential: true,
                found: "\(version) at \(gnuplot.executable)", fix: "")
        ]
        let terminals = Set(
            ((try? await capture(
                gnuplot.executable, ["-e", "print GPVAL_TERMINALS"], errors: true, limit: limit))
                ?? "").split(whereSeparator: \.isWhitespace).map(String.init))
        for (terminal, purpose, essential) in [
            ("pngcairo", "PNG charts", true), ("svg", "--format svg", false),
            ("gif", "--animate", false),
            ("dumb", "--terminal", false), ("sixelgd", "sixel pictures in the terminal", false),
        ] {
            checks.append(
                Check(
                    name: "terminal \(terminal)", ok: terminals.contains(terminal),
                    essential: essential,
                    found: terminals.contains(terminal) ? "yes" : "no",
                    fix: terminals.contains(terminal) ? "" : "needed for \(purpose): \(install)"))
        }
        return checks
    }

    static func fontCheck(limit: Double) async -> Check {
        let font =
            (try? await capture("/usr/bin/env", ["fc-match", "DejaVu Sans"], limit: limit))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return Check(
            name: "font DejaVu Sans", ok: font.contains("DejaVu"), essential: false,
            found: font.isEmpty ? "fc-match not found" : font,
            fix: font.contains("DejaVu")
                ? "" : "charts fall back to another font: apt-get install fonts-dejavu-core")
    }

    static func folderCheck(_ out: URL) -> Check {
        let folder: String
        do {
            try ChartWriter.check(out)
            folder = "writable"
        } catch {
            folder = "\(error)"
        }
        return Check(
            name: "output folder \(shellWord(displayPath(out)))", ok: folder == "writable",
            essential: true, found: folder,
            fix: folder == "writable" ? "" : "choose another with --out DIR")
    }

    /// Draws a small chart into a temporary folder, as a lesson would.
    static func testRender(_ gnuplot: Gnuplot, limit: Double) -> Check {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lesson-doctor-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            let writer = try ChartWriter(
                folder: folder, origin: "lesson doctor", formats: ["png"], drawInTerminal: false,
                gnuplot: gnuplot,
                timeLimit: limit)
            let chart = Chart.single(
                "check", title: "A test chart: L(w) = w², η",
                Plot(
                    x: Axis("w"), y: Axis("L(w)"),
                    series: [
                        Series(
                            "L(w) = w²", (-10...10).map { [Double($0) / 5, Double($0 * $0) / 25] })
                    ]))
            let written = try writer.write(chart)
            if let failure = written.failure {
                // This is the doctor: its own advice to run the doctor is left out.
                let found = failure.description.replacingOccurrences(
                    of: " `swift run lesson doctor` checks.", with: "")
                return Check(
                    name: "test render", ok: false, essential: true, found: found,
                    fix: "install a gnuplot with the pngcairo terminal (Debian: gnuplot-nox)")
            }
            let warned =
                written.warnings.isEmpty
                ? "a PNG, no warnings" : "a PNG, but gnuplot warned: \(written.warnings)"
            return Check(
                name: "test render", ok: written.warnings.isEmpty, essential: true, found: warned,
                fix: "")
        } catch {
            return Check(
                name: "test render", ok: false, essential: true, found: "\(error)",
                fix: "see the message")
        }
    }

    /// The Swift this program was built with.
    static var swiftVersion: String {
        #if compiler(>=6.3)
        return "built with Swift 6.3 or later"
        #elseif compiler(>=6.2)
        return "built with Swift 6.2"
        #else
        return "built with Swift 6.1"
        #endif
    }

    /// What a program prints, or what it prints on its error stream. A program that hangs (a broken
    /// gnuplot) is stopped after `limit` seconds, so the doctor always gets to write its report.
    static func capture(
        _ executable: String, _ arguments: [String], errors: Bool = false, limit: Double
    ) async throws -> String {
        let run = try await runToTheEnd(
            URL(fileURLWithPath: executable), arguments, environment: Gnuplot.environment(),
            reading: errors ? .errors : .output, limit: limit)
        if case .ranTooLong(let seconds) = run.ending {
            throw DoctorError.hung(executable, seconds: seconds)
        }
        return run.printed
    }
}

/// A program the doctor asked a question that did not answer.
enum DoctorError: Error, CustomStringConvertible {
    case hung(String, seconds: Double)
    var description: String {
        switch self {
        case .hung(let program, let seconds):
            "\(program) gave no answer within \(String(format: "%g", seconds)) s and was stopped"
        }
    }
}
