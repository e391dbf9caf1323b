import LessonKit

/// The median time of `repeats` runs of `work`, in seconds. The median shrugs off a run that
/// the machine happened to interrupt.
func medianSeconds(repeats: Int = 1, _ work: () -> Void) -> Double {
    let clock = ContinuousClock()
    let times = (0..<max(repeats, 1)).map { _ in clock.measure(work) }.map(seconds).sorted()
    return times[times.count / 2]
}

/// A Duration as seconds.
func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

/// "0.42 ms", "3.1 s": a time for reading.
func readableTime(_ seconds: Double) -> String {
    if seconds < 1e-3 { return "\(Format.number(seconds * 1e6, digits: 3)) µs" }
    if seconds < 1 { return "\(Format.number(seconds * 1e3, digits: 3)) ms" }
    return "\(Format.number(seconds, digits: 3)) s"
}
