import CKernels

/// Where training spends its time, part by part, for `bench`: each part of every step is timed as
/// it runs (a clock read costs about 20 ns, so the profiled epoch runs a little slower than a
/// plain one and is timed on its own).
public final class StepProfile: @unchecked Sendable {
    /// The parts of a mini-batch step.
    public enum Part: Int, CaseIterable, Sendable {
        /// Z = A·Wᵀ, in the forward kernel.
        case forward
        /// z += b and a = f(z), in the activation kernel.
        case activation
        /// δᴸ = 2(aᴸ − y) ⊙ f′(zᴸ) and the cost.
        case outputError
        /// δ = (Wᵀ·δ′) ⊙ f′(z).
        case passBack
        /// W += −(η/B)·δᵀ·A and the biases, in the update kernel.
        case update

        public var name: String {
            switch self {
            case .forward: "forward"
            case .activation: "σ"
            case .outputError: "δᴸ"
            case .passBack: "pass back"
            case .update: "update"
            }
        }
    }

    /// Nanoseconds spent in each part, by `Part.rawValue`.
    private var spent = [UInt64](repeating: 0, count: Part.allCases.count)

    public init() {}

    /// Seconds spent in `part`.
    public func seconds(in part: Part) -> Double { Double(spent[part.rawValue]) / 1e9 }

    /// Runs `work`, counting its time to `part`.
    @inline(__always) func time<T>(_ part: Part, _ work: () -> T) -> T {
        let start = bp_now_ns()
        let result = work()
        spent[part.rawValue] += bp_now_ns() &- start
        return result
    }
}

extension Optional where Wrapped == StepProfile {
    /// `work`, timed as `part` when there is a profile.
    @inline(__always) func time<T>(_ part: StepProfile.Part, _ work: () -> T) -> T {
        guard let profile = self else { return work() }
        return profile.time(part, work)
    }
}
