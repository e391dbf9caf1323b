import Foundation

// Not every toolchain ships automatic differentiation (Xcode's does not). Without it this file
// compiles to the one line below, and lesson 8 checks backpropagation against finite differences
// only. `-Xswiftc -DBACKPROP_NO_AUTOMATIC_DIFFERENTIATION` switches it off to prove that build
// works.
#if canImport(_Differentiation) && !BACKPROP_NO_AUTOMATIC_DIFFERENTIATION
import _Differentiation

/// Whether this build can differentiate Swift code automatically.
public let automaticDifferentiationIsAvailable = true

/// The gradient of one example's cost by automatic differentiation, in the order of
/// `Network.parameters`.
public func automaticGradient(_ network: Network, _ example: Example) -> [Double]? {
    DifferentiableCost(network: network, example: example).gradient(at: network.parameters)
}

/// The cost of one example written a second time, as plain arithmetic on one flat list of
/// parameters, so that Swift's reverse-mode automatic differentiation can find its gradient
/// without any help from the hand-written backward pass.
///
/// Backpropagation *is* reverse-mode differentiation done by hand: both start from the cost and
/// walk the computation backward, reusing each layer's result for the layer before it.
public struct DifferentiableCost {
    public let sizes: [Int]
    public let activations: [Activation]
    public let example: Example

    public init(network: Network, example: Example) {
        sizes = network.sizes
        activations = network.activations
        self.example = example
    }

    /// C₀ = Σⱼ (aⱼ − yⱼ)² for the parameters θ, laid out as `Network.parameters` lays them out.
    @differentiable(reverse)
    public func callAsFunction(_ theta: [Double]) -> Double {
        var a = example.input
        var offset = 0
        for l in 0..<(sizes.count - 1) {
            let inputs = sizes[l]
            let outputs = sizes[l + 1]
            var next: [Double] = []
            for j in 0..<outputs {
                // z = Σₖ w_jk·a_k + b_j, reading the weights row by row and the bias after them.
                var z = theta[offset + outputs * inputs + j]
                for k in 0..<inputs { z = z + theta[offset + j * inputs + k] * a[k] }
                next.append(activate(z, activations[l]))
            }
            a = next
            offset += outputs * inputs + outputs
        }
        var cost = 0.0
        for j in 0..<example.target.count {
            cost = cost + (a[j] - example.target[j]) * (a[j] - example.target[j])
        }
        return cost
    }

    /// The gradient of C₀ at θ, by automatic differentiation.
    public func gradient(at theta: [Double]) -> [Double] {
        _Differentiation.gradient(at: theta) { self($0) }.base
    }
}

/// The activations again, in a form automatic differentiation can see through.
@differentiable(reverse,wrt: z)
func activate(_ z: Double, _ activation: Activation) -> Double {
    switch activation {
    case .sigmoid: return 1 / (1 + exp(-z))
    case .linear: return z
    case .tanh: return tanh(z)
    case .relu: return z > 0 ? z : 0
    }
}
#else
/// Whether this build can differentiate Swift code automatically.
public let automaticDifferentiationIsAvailable = false

/// Automatic differentiation is not in this toolchain: no gradient.
public func automaticGradient(_ network: Network, _ example: Example) -> [Double]? { nil }
#endif
