import Backprop
import Datasets

/// The chain rule, link by link (lesson 15): first on a chain of one-neuron layers
/// x → a¹ → a² → C, where ∂C/∂w¹ is a product of five local derivatives; then on lesson 7's digit
/// network, where the same links become the backward formulas δᴸ, δˡ, ∂C/∂w = a·δ and ∂C/∂b = δ.
public struct ChainRule: Sendable {
    /// The one-neuron chain: z¹ = w¹x + b¹, a¹ = σ(z¹), z² = w²a¹ + b², a² = σ(z²),
    /// C = (a² − y)².
    public struct Chain: Sendable, Equatable {
        public let input: Double
        public let weights: [Double]
        public let biases: [Double]
        public let target: Double

        public init(input: Double, weights: [Double], biases: [Double], target: Double) {
            precondition(weights.count == 2 && biases.count == 2)
            self.input = input
            self.weights = weights
            self.biases = biases
            self.target = target
        }

        /// The chain's values from front to back: z¹, a¹, z², a², C.
        public func forward(firstWeight: Double? = nil) -> (z: [Double], a: [Double], cost: Double)
        {
            let w1 = firstWeight ?? weights[0]
            let z1 = w1 * input + biases[0]
            let a1 = sigmoid(z1)
            let z2 = weights[1] * a1 + biases[1]
            let a2 = sigmoid(z2)
            return ([z1, z2], [a1, a2], (a2 - target) * (a2 - target))
        }
    }

    /// One link of the chain: the local derivative of one value with respect to the one before.
    public struct Link: Sendable, Equatable {
        /// "∂a¹/∂z¹".
        public let name: String
        /// What it equals, in symbols: "σ′(z¹)".
        public let formula: String
        public let value: Double
    }

    public let chain: Chain
    /// Lesson 7's network and the training image it follows.
    public let network: Network
    public let digits: Digits
    public let index: Int
    /// The nudge of w¹ for the finite difference that checks the product.
    public static let nudge = 1e-6

    public init(chain: Chain, network: Network, digits: Digits, index: Int) {
        self.chain = chain
        self.network = network
        self.digits = digits
        self.index = index
    }

    public struct Result: Sendable {
        public let experiment: ChainRule
        /// z¹, z² and a¹, a² and the cost of the chain.
        public let z: [Double]
        public let a: [Double]
        public let cost: Double
        /// ∂z¹/∂w¹, ∂a¹/∂z¹, ∂z²/∂a¹, ∂a²/∂z², ∂C/∂a²: the path from w¹ to C.
        public let links: [Link]
        /// Their product: ∂C/∂w¹ by the chain rule.
        public let product: Double
        /// (C(w¹ + h) − C(w¹ − h)) / 2h with h = `nudge`.
        public let finiteDifference: Double

        /// The digit followed through lesson 7's network.
        public let example: Example
        public let label: Int
        /// The backward pass written out formula by formula, layer by layer, here.
        public let byFormula: FormulaPass
        /// The library's backward pass (`Network.backpropagate`), to check it against.
        public let library: BackwardPass
    }

    public func run() -> Result {
        let (z, a, cost) = chain.forward()
        let links = [
            Link(name: "∂z¹/∂w¹", formula: "x", value: chain.input),
            Link(name: "∂a¹/∂z¹", formula: "σ′(z¹)", value: sigmoidDerivative(z[0])),
            Link(name: "∂z²/∂a¹", formula: "w²", value: chain.weights[1]),
            Link(name: "∂a²/∂z²", formula: "σ′(z²)", value: sigmoidDerivative(z[1])),
            Link(name: "∂C/∂a²", formula: "2(a² − y)", value: 2 * (a[1] - chain.target)),
        ]
        let h = Self.nudge
        let up = chain.forward(firstWeight: chain.weights[0] + h).cost
        let down = chain.forward(firstWeight: chain.weights[0] - h).cost
        let example = digits.example(index)
        return Result(
            experiment: self, z: z, a: a, cost: cost, links: links,
            product: links.map(\.value).reduce(1, *), finiteDifference: (up - down) / (2 * h),
            example: example, label: digits.labels[index],
            byFormula: backwardByFormula(example), library: network.backpropagate(example))
    }

    /// The backward pass as lesson 15 derives it, one formula at a time:
    ///   δᴸ = 2(aᴸ − y) ⊙ σ′(zᴸ)                 the output layer's error
    ///   δˡ = (Wˡ⁺¹)ᵀ δˡ⁺¹ ⊙ σ′(zˡ)             each earlier layer's, through the weights
    ///   ∂C/∂wˡ[j,k] = aˡ⁻¹[k]·δˡ[j]             a weight: the activation it carries, times δ
    ///   ∂C/∂bˡ[j] = δˡ[j]                       a bias moves z one for one
    func backwardByFormula(_ example: Example) -> FormulaPass {
        let pass = network.forward(example.input)
        let last = network.weights.count - 1
        var errors = Array(repeating: [Double](), count: network.weights.count)
        var gradient = Gradient(zerosLike: network)
        let output = pass.weightedInputs[last]
        errors[last] = output.indices.map { j in
            2 * (pass.output[j] - example.target[j]) * sigmoidDerivative(output[j])
        }
        for l in stride(from: last - 1, through: 0, by: -1) {
            let next = network.weights[l + 1]
            errors[l] = pass.weightedInputs[l].indices.map { k in
                var sum = 0.0
                for j in 0..<next.rows { sum += next[j, k] * errors[l + 1][j] }
                return sum * sigmoidDerivative(pass.weightedInputs[l][k])
            }
        }
        for l in errors.indices {
            for j in errors[l].indices {
                gradient.biases[l][j] = errors[l][j]
                for k in pass.activations[l].indices {
                    gradient.weights[l][j, k] = pass.activations[l][k] * errors[l][j]
                }
            }
        }
        return FormulaPass(errors: errors, gradient: gradient, forward: pass)
    }

    /// One example's backward pass as the formulas give it: each layer's δ and the gradient.
    public struct FormulaPass: Sendable {
        /// δ for every layer after the input.
        public let errors: [[Double]]
        public let gradient: Gradient
        public let forward: ForwardPass
    }
}

/// σ(z) = 1 / (1 + e⁻ᶻ).
func sigmoid(_ z: Double) -> Double { Activation.sigmoid.value(z) }

/// σ′(z) = σ(z)(1 − σ(z)).
func sigmoidDerivative(_ z: Double) -> Double { Activation.sigmoid.derivative(z) }
