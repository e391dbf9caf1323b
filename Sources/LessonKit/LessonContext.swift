import ArgumentParser
import Foundation
import Plotting
import Processes

/// What a lesson works with while it teaches: the narrator and the chart writer.
public final class LessonContext {
    public let info: LessonInfo
    /// Prints the narrative and the results.
    public let say: Narrator
    let writer: ChartWriter
    /// Every chart written so far.
    public private(set) var written: [WrittenChart] = []
    /// Every claim said about the run so far, in the order said.
    public internal(set) var said: [any Claim] = []
    /// The charts gnuplot could not draw; the lesson ends with an error naming them.
    public private(set) var notDrawn: [String] = []

    /// True with `--predict`: the lesson asks before it computes.
    public let predict: Bool
    /// Whether the lesson asked its questions.
    public internal(set) var asked = false
    let readAnswer: () -> String?
    /// Whether an answer that does not read is asked for again (on a terminal).
    var asksAgain = false
    let prompt: (String) -> Void
    /// True with `--step`; `readKey` reads the keys, nil when there is no terminal.
    let step: Bool
    let readKey: (() -> UInt8?)?
    /// Whether the lesson asked for its stepper.
    public internal(set) var stepped = false
    /// True when the learner stopped `--step` before the first update: nothing ran, so nothing
    /// is said of the run.
    public internal(set) var stoppedAtStart = false
    /// False when the environment asked for no chart files (see `LessonEnvironment.writesCharts`).
    var writesCharts = true
    /// How progress is shown (see `LessonEnvironment.progressOnTerminal`).
    var progressOnTerminal = false
    /// See `LessonEnvironment.wholeOrNothing`.
    var wholeOrNothing = false
    /// Charts to draw beneath this run's (see `LessonEnvironment.baseline`).
    var baseline: (label: String, charts: [String: Chart])?
    /// The charts drawn, by name, as drawn.
    var drawnCharts: [String: Chart] = [:]

    init(
        info: LessonInfo, say: Narrator, writer: ChartWriter, predict: Bool,
        readAnswer: @escaping () -> String?,
        prompt: @escaping (String) -> Void, step: Bool, readKey: (() -> UInt8?)?
    ) {
        self.step = step
        self.readKey = readKey
        self.info = info
        self.say = say
        self.writer = writer
        self.predict = predict
        self.readAnswer = readAnswer
        self.prompt = prompt
    }

    /// Prints the lesson's "try this" commands.
    public func suggest(_ suggestions: [Suggestion]) {
        say.tryThis(suggestions.map { (command: $0.command(for: info), why: $0.why) })
    }

    /// Writes the charts (data, script, picture) and lists them under a "Charts" heading,
    /// with one line on how to render them when gnuplot is missing.
    public func draw(_ charts: Chart...) throws {
        try draw(charts)
    }

    /// Writes the charts and lists them; with `live`, then plays every animated one (see
    /// `playLive`).
    public func draw(_ charts: [Chart], live: Bool) throws {
        try draw(charts)
        if live { try playLive(charts.filter { $0.animation != nil }) }
    }

    /// Plays animations as they are drawn: in a gnuplot window when there is a display and an
    /// interactive terminal, else on this terminal with the dumb terminal. With neither, or
    /// without gnuplot, it says so in one line; the files are written either way.
    public func playLive(_ charts: [Chart]) throws {
        guard !charts.isEmpty else { return }
        guard let gnuplot = writer.gnuplot else {
            say.plain(
                "  --live needs gnuplot to draw; the data and scripts were written, and "
                    + "\(installGnuplot) brings it."
            )
            return
        }
        let window = gnuplot.windowTerminal()
        guard window != nil || isatty(STDOUT_FILENO) == 1 else {
            say.plain(
                "  --live found no display and no terminal to draw on; the animation was written "
                    + "as a GIF instead."
            )
            return
        }
        for chart in charts {
            let pause = Double(chart.animation?.delay ?? 10) / 100
            var variables = [("live", String(pause))]
            if let window { variables.append(("window", window)) }
            _ = try gnuplot.run(
                script: "\(chart.name).gp", in: writer.folder, variables: variables,
                showOutput: true,
                timeLimit: writer.timeLimit + Double(chart.animation?.frames ?? 0) * pause + 10)
        }
    }

    /// Writes the charts and lists them; see `draw(_:)`.
    public func draw(_ charts: [Chart]) throws {
        guard writesCharts else { return }
        var table = Table(["file", "what it shows"], leftAligned: [0, 1])
        var warnings: [String] = []
        var drawings: [String] = []
        var drawn: [DrawnChart] = []
        for original in charts {
            let chart =
                baseline.flatMap { baseline in
                    baseline.charts[original.name].flatMap {
                        original.over(baseline: $0, label: baseline.label)
                    }
                } ?? original
            drawnCharts[chart.name] = chart
            let result = try writer.write(chart)
            written.append(result)
            drawn.append(DrawnChart(title: chart.title, written: result))
            let shown = result.images.first ?? result.script
            let files = result.images.dropFirst().map(\.lastPathComponent)
            table.add([([shown.lastPathComponent] + files).joined(separator: ", "), chart.title])
            if !result.warnings.isEmpty {
                warnings.append("gnuplot said about \(chart.name): \(result.warnings)")
            }
            if let failure = result.failure {
                warnings.append("not drawn: \(failure.description)")
                notDrawn.append(chart.name)
                if wholeOrNothing {
                    throw PlottingError.chartNotDrawn(chart.name, reason: failure.description)
                }
            }
            if let drawing = result.terminalDrawing { drawings.append(drawing) }
        }
        let folder = shellWord(displayPath(writer.folder))
        let heading =
            "Charts in \(folder)/ (beside each, NAME.dat holds the numbers and NAME.gp draws them)"
        say.record(.charts(heading: heading, drawn))
        say.printTable(heading, table)
        warnings.forEach { say.plain("  " + $0) }
        if writer.cannotRender {
            say.plain(
                "  Charts not rendered: gnuplot is not installed. Install it with "
                    + "\(installGnuplot), "
                    + "then draw them with `cd \(folder) && gnuplot NAME.gp`.")
        }
        drawings.forEach { say.plain($0) }
    }
}

/// How to install gnuplot on this system, for the lines that say it is missing.
public var installGnuplot: String {
    #if os(macOS)
    return "`brew install gnuplot`"
    #else
    return "`apt-get install gnuplot-nox` (with sudo unless you are root)"
    #endif
}
