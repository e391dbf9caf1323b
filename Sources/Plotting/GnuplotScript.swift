import Foundation

/// The text of a chart's `.gp` file: a header saying how to run it, the choice of output,
/// the house style every lesson shares, then the chart's own commands.
///
/// The script is complete on its own: `gnuplot NAME.gp` in its folder draws the chart, and
/// `gnuplot -e 'format="svg"' NAME.gp` or `format="dumb"` draws it as SVG or as text.
public func gnuplotScript(
    for chart: Chart, origin: String, folder: String, defaultFormat: String
) -> String {
    // The folder goes into a comment: as a shell word, so that no character of it (a newline, say)
    // can end the comment and become a live gnuplot line.
    let folder = shellWord(folder)
    if let animation = chart.animation {
        return animatedScript(for: chart, animation, origin: origin, folder: folder)
    }
    let header = """
        # \(chart.title)
        # \(origin)
        #
        # Draw it again:     cd \(folder) && gnuplot \(chart.name).gp
        # As SVG:            gnuplot -e 'format="svg"' \(chart.name).gp
        # In the terminal:   gnuplot -e 'format="dumb"' \(chart.name).gp
        # The numbers are in \(chart.dataFileName); edit this script and run it again \
        to change the chart.

        """
    let paper = chart.paperSize
    let output = """
        # Where the picture goes. `format` and `outfile` can be set from the command line with -e.
        if (!exists("format")) format = "\(defaultFormat)"
        if (!exists("outfile")) \
        outfile = "\(chart.name)." . (format eq "paper" ? "paper.svg" : format)
        # Text in the terminal (plain, or in colour with "ansi"), a sixel picture in the terminal, \
        SVG, SVG for print ("paper") or PNG.
        if (format eq "dumb" || format eq "ansi") {
            if (format eq "ansi") { set terminal dumb \
        size 100,\(max(32, chart.height / 18)) ansirgb } \
        else { set terminal dumb size 100,\(max(32, chart.height / 18)) }
        } else { if (format eq "sixel") {
            set terminal sixelgd size \(chart.width),\(chart.height) truecolor \
        font "DejaVu Sans,10" background "#ffffff"
        } else {
            if (format eq "svg") {
                # With -e 'jsdir="DIR"', the SVG shows coordinates and toggles series on a click,
                # with DIR/gnuplot_svg.js (the lesson book's pages use it).
                if (exists("jsdir")) {
                    set terminal svg size \(chart.width),\(chart.height) dynamic \\
                        mouse jsdir jsdir noenhanced font "DejaVu Sans,12" background rgb "white"
                } else {
                    set terminal svg size \(chart.width),\(chart.height) dynamic \\
                        noenhanced font "DejaVu Sans,12" background rgb "white"
                }
            } else { if (format eq "paper") {
                # For print: no mouse script, and drawn at its printed size in points.
                set terminal svg size \(paper.width),\(paper.height) fixed \\
                    noenhanced font "DejaVu Sans,\(paper.font)" background rgb "white"
            } else {
                set terminal pngcairo size \(chart.width),\(chart.height) \
        noenhanced font "DejaVu Sans,11" background rgb "white"
            } }
            set output outfile
        } }
        # The fonts of titles and footnotes: smaller on paper, where the chart is printed at its
        # own size (and no text is under 9 pt).
        titlefont = (format eq "paper") ? ",11" : ",14"
        panelfont = (format eq "paper") ? ",10" : ",12"
        notefont = (format eq "paper") ? ",9" : ",10"

        """
    let title = "set title \(gnuplotQuoted(chart.title)) font titlefont\n"
    // On the text terminal a grid of dots would bury the data.
    let text = "if (format eq \"dumb\" || format eq \"ansi\") { unset grid }\n"
    return header + "\n" + output + "\n" + houseStyle + text + "\n# The chart.\n" + title
        + chart.commands.joined(separator: "\n") + "\n"
}

/// The script of an animation: the same header and house style, written to an animated GIF,
/// or played frame by frame on the terminal (or in a window) when `live` is set.
/// `butt` line ends: libgd's round brush keeps the colour of the frame that first used a line
/// width, so a thick blue edge in a later frame came out red; `optimize` is deprecated and buggy.
func animatedScript(
    for chart: Chart, _ animation: Animation, origin: String, folder: String
) -> String {
    """
    # \(chart.title), animated
    # \(origin)
    #
    # Make the GIF again:  cd \(folder) && gnuplot \(chart.name).gp
    # Play it in the terminal:  gnuplot -e 'live = 0.1' \(chart.name).gp   (seconds between frames)
    # The numbers are in \(chart.dataFileName); every frame is drawn from them by the loop below.

    # \(animation.frames) frames, each shown for \(animation.delay)/100 s, looping forever.
    if (exists("live")) {
        if (!exists("window")) { set terminal dumb size 100,\(max(32, chart.height / 18)); \
    set output; set print "-" } \
    else { eval("set terminal " . window) }
    } else {
        if (!exists("outfile")) { outfile = "\(chart.name).gif" }
        set terminal gif animate delay \(animation.delay) loop 0 butt \
    size \(chart.width),\(chart.height) font "DejaVu Sans,10" background "#ffffff"
        set output outfile
    }
    # The fonts of titles and footnotes.
    titlefont = ",14"
    panelfont = ",12"
    notefont = ",10"

    """ + houseStyle + "if (exists(\"live\") && !exists(\"window\")) { unset grid }\n"
        + "\n# The chart.\n" + "set title \(gnuplotQuoted(chart.title)) font \",14\"\n"
        + chart.commands.map(liveFrame).joined(separator: "\n") + "\n"
}

/// In a frame loop, clears the text screen before each frame and pauses after it when playing live.
func liveFrame(_ line: String) -> String {
    if line.hasPrefix("do for [") && line.hasSuffix("{") {
        return line
            + "\n    if (exists(\"live\") && !exists(\"window\")) { print \"\\033[H\\033[2J\" }"
    }
    if line == "}" { return "    if (exists(\"live\")) { pause live }\n}" }
    return line
}

/// The look every lesson shares: light grid, outward tics, and one colour-blind-safe palette
/// (Okabe and Ito) so that "series 1" is the same blue in every chart.
public let houseStyle = """
    # House style, the same in every lesson.
    set encoding utf8
    set border 3 lw 1.2 lc rgb "#555555"
    set tics nomirror out scale 0.6
    set grid lc rgb "#e3e3e3" lw 1 dt 1
    set key opaque box lc rgb "#cccccc" samplen 2.5 spacing 1.15
    set style line 1 lc rgb "#0072B2" lw 2.2 pt 7 ps 0.7
    set style line 2 lc rgb "#D55E00" lw 2.2 pt 5 ps 0.7
    set style line 3 lc rgb "#009E73" lw 2.2 pt 9 ps 0.8
    set style line 4 lc rgb "#CC79A7" lw 2.2 pt 13 ps 0.8
    set style line 5 lc rgb "#E69F00" lw 2.2 pt 11 ps 0.8
    set style line 6 lc rgb "#56B4E9" lw 2.2 pt 3 ps 0.8
    set style line 7 lc rgb "#000000" lw 2.2 pt 2 ps 0.8
    set style line 8 lc rgb "#999999" lw 1.5 dt 2
    set style line 9 lc rgb "#444444" lw 1.2
    # Line style N+1 is the N-th series; 8 is a grey guide line, 9 a thin dark outline.

    """

/// The line style of the n-th series (0-based), cycling through the seven palette colours.
public func paletteStyle(_ n: Int) -> Int { n % 7 + 1 }

/// `text` as one word a shell reads back unchanged, printable on one line: as it is when it is
/// plain, in single quotes when it holds spaces or shell characters, and in $'…' with escapes when
/// it holds control characters such as a newline.
public func shellWord(_ text: String) -> String {
    let plain = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+,:@%")
    if !text.isEmpty, text.unicodeScalars.allSatisfy(plain.contains) { return text }
    if text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) {
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
    let escaped = text.unicodeScalars.map { scalar -> String in
        switch scalar {
        case "\n": return "\\n"
        case "\t": return "\\t"
        case "\r": return "\\r"
        case "\\": return "\\\\"
        case "'": return "\\'"
        default:
            return scalar.value < 0x20 || scalar.value == 0x7F
                ? String(format: "\\x%02x", scalar.value) : String(scalar)
        }
    }.joined()
    return "$'" + escaped + "'"
}
