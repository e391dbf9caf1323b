/// Timing for the lessons that report speed and for the bench: medians, because a run the
/// machine happened to interrupt should not decide the figure.

/// The median time of `repeats` runs of `work`, in seconds.
public func medianSeconds(repeats: Int = 1, _ work: () -> Void) -> Double {
    let clock = ContinuousClock()
    let times = (0..<max(repeats, 1)).map { _ in clock.measure(work) }.map(seconds).sorted()
    return times[times.count / 2]
}

/// A Duration as seconds.
public func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}
