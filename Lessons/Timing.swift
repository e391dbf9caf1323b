import Backprop
import LessonKit

/// "0.42 ms", "3.1 s": a time for reading.
func readableTime(_ seconds: Double) -> String {
    if seconds < 1e-3 { return "\(Format.number(seconds * 1e6, digits: 3)) µs" }
    if seconds < 1 { return "\(Format.number(seconds * 1e3, digits: 3)) ms" }
    return "\(Format.number(seconds, digits: 3)) s"
}
