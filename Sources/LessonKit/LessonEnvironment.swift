import ArgumentParser
import Foundation
import Plotting
import Processes

/// Where a lesson's words and pictures go; tests swap these for their own.
public struct LessonEnvironment: @unchecked Sendable {
    /// Receives every printed line.
    public var write: (String) -> Void
    /// The gnuplot to render with, or nil when none is installed.
    public var gnuplot: Gnuplot?
    /// Receives the progress of long work: on a terminal a status line that replaces itself (""
    /// clears it), elsewhere whole lines, a few seconds apart. By default the error stream.
    public var progress: (String) -> Void
    /// Whether `progress` is a terminal's status line (redrawn often) or a log (a line every few
    /// seconds).
    public var progressOnTerminal = isatty(STDERR_FILENO) == 1
    /// Reads one answer for `--predict`; nil when the input has ended.
    public var readAnswer: () -> String?
    /// Whether an answer that does not read is asked for again: when a person types them.
    public var asksAgain = isatty(STDIN_FILENO) == 1
    /// Shows a prompt without ending the line, so the answer can be typed after it.
    public var prompt: (String) -> Void
    /// Reads one key for `--step`; nil to read the terminal when `keysFromTerminal` (and there is
    /// one).
    public var readKey: (() -> UInt8?)?
    /// With `--step` and no `readKey`, read keys from the terminal. Only the real command does;
    /// tests never wait.
    public var keysFromTerminal: Bool
    /// False to build the charts but write no file: the generated-runs tests check what a lesson
    /// says, hundreds of times, and leave its charts to the tests that draw them.
    public var writesCharts = true
    /// Where SVG pictures find gnuplot's mouse script, relative to them (the lesson book sets
    /// it); nil for still pictures.
    public var svgScripts: String?
    /// True when a chart that is not drawn ends the run at once (the lesson book, written whole
    /// or not at all); a lesson alone draws the rest and names those it could not.
    public var wholeOrNothing = false
    /// Another run's charts, by name, to draw beneath this run's as its baseline, each series
    /// named with `label` (the lesson book's slider keeps the lesson's own run on every chart).
    public var baseline: (label: String, charts: [String: Chart])?

    public init(
        write: @escaping (String) -> Void = Output.line, gnuplot: Gnuplot? = Gnuplot.locate(),
        progress: @escaping (String) -> Void = terminalProgress,
        readAnswer: @escaping () -> String? = readAnswerEchoed,
        prompt: @escaping (String) -> Void = {
            Output.write($0)
        }, readKey: (() -> UInt8?)? = nil,
        keysFromTerminal: Bool = false
    ) {
        self.readKey = readKey
        self.keysFromTerminal = keysFromTerminal
        self.write = write
        self.gnuplot = gnuplot
        self.progress = progress
        self.readAnswer = readAnswer
        self.prompt = prompt
    }
}

/// Redraws `line` in place on standard error when it is a terminal; elsewhere writes it as a line
/// of its own (`ProgressMeter` writes one only every few seconds there), and "" writes nothing.
public func terminalProgress(_ line: String) {
    if isatty(STDERR_FILENO) == 1 {
        Output.error("\r" + line + "\u{1B}[K")
    } else if !line.isEmpty {
        Output.error(line + "\n")
    }
}

/// Reads an answer from standard input; when it comes from a pipe, shows it after the prompt, as
/// a terminal would have.
public func readAnswerEchoed() -> String? {
    let line = readLine()
    if isatty(STDIN_FILENO) == 0 { Output.line(line ?? "") }
    return line
}
