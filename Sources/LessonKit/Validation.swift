import ArgumentParser

/// Checks shared by the lessons' `validate()`: each failure is one sentence that names the
/// option, the value given and what is allowed.
public enum Check {
    /// A number that must be finite and greater than zero, like a learning rate.
    public static func positive(_ value: Double, _ option: String) throws {
        guard value.isFinite, value > 0 else {
            throw ValidationError(
                "\(option) must be a positive finite number (got \(Format.formatForCommand(value)))"
            )
        }
    }

    /// A number no larger than `limit`, like a nudge that must stay small.
    public static func atMost(_ value: Double, _ option: String, _ limit: Double) throws {
        guard value <= limit else {
            throw ValidationError(
                "\(option) must be at most \(Format.number(limit)) "
                    + "(got \(Format.formatForCommand(value)))")
        }
    }

    /// A positive number that is handed on as a Float (a learning rate for the tuned network): it
    /// must stay positive and finite as a Float too, where 1e39 is infinite and 1e-50 is zero.
    public static func positiveFloat(_ value: Double, _ option: String) throws {
        try positive(value, option)
        guard Float(value).isFinite, Float(value) > 0 else {
            throw ValidationError(
                "\(option) must be between \(Float.leastNormalMagnitude) and "
                    + "\(Float.greatestFiniteMagnitude), the range of a Float "
                    + "(got \(Format.formatForCommand(value)))"
            )
        }
    }

    /// A number within `range`, like a starting point that must stay inside the divergence bound.
    public static func within(
        _ value: Double, _ option: String, _ range: ClosedRange<Double>
    ) throws {
        guard value.isFinite, range.contains(value) else {
            throw ValidationError(
                "\(option) must be a number from \(Format.number(range.lowerBound)) to "
                    + "\(Format.number(range.upperBound)) (got \(Format.formatForCommand(value)))"
            )
        }
    }

    /// A number that may be anything finite, like a starting point.
    public static func finite(_ value: Double, _ option: String) throws {
        guard value.isFinite else {
            throw ValidationError(
                "\(option) must be a finite number (got \(Format.formatForCommand(value)))")
        }
    }

    /// A count within `range`, like a number of steps.
    public static func count(_ value: Int, _ option: String, in range: ClosedRange<Int>) throws {
        guard range.contains(value) else {
            throw ValidationError(
                "\(option) must be a whole number from \(range.lowerBound) to \(range.upperBound) "
                    + "(got \(value))"
            )
        }
    }

    /// One of a fixed set of names, like `--curve`.
    public static func oneOf(_ value: String, _ option: String, allowed: [String]) throws {
        guard allowed.contains(value) else {
            throw ValidationError(
                "\(option) must be one of \(allowed.joined(separator: ", ")) (got \(value))")
        }
    }
}
