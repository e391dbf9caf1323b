import Backprop

/// The backward pass of one example, written neuron by neuron as the video tells it, apart from
/// `Network.backpropagate`, so the two can be compared.
public struct WishListStory: Sendable {
    /// For every layer (input first), how much each activation wants to change: −∂C₀/∂a.
    public var activationNudges: [[Double]]
    /// For every layer after the input, the nudge each weight wants: −∂C₀/∂w.
    public var weightNudges: [Matrix]
    /// For every layer after the input, the nudge each bias wants: −∂C₀/∂b.
    public var biasNudges: [[Double]]

    public init(network: Network, pass: ForwardPass, target: [Double]) {
        let layers = network.sizes.count
        activationNudges = network.sizes.map { Array(repeating: 0, count: $0) }
        weightNudges = network.weights.map { Matrix(rows: $0.rows, columns: $0.columns) }
        biasNudges = network.biases.map { Array(repeating: 0, count: $0.count) }
        // The output layer wants to move toward its target, in proportion to how far off it is.
        for j in 0..<network.sizes[layers - 1] {
            activationNudges[layers - 1][j] = -2 * (pass.output[j] - target[j])
        }
        for l in stride(from: layers - 2, through: 0, by: -1) {
            let activation = network.activations[l]
            for j in 0..<network.sizes[l + 1] {
                // A wished change of aⱼ becomes a wished change of zⱼ, scaled by how steep σ is
                // there.
                let zNudge =
                    activationNudges[l + 1][j] * activation.derivative(pass.weightedInputs[l][j])
                // Way 1: the bias moves zⱼ one for one.
                biasNudges[l][j] = zNudge
                for k in 0..<network.sizes[l] {
                    // Way 2: a weight moves zⱼ in proportion to the activation it carries.
                    weightNudges[l][j, k] = zNudge * pass.activations[l][k]
                    // Way 3: an earlier activation moves zⱼ in proportion to its weight.
                    // Every neuron j adds its wish for aₖ to the list.
                    activationNudges[l][k] += zNudge * network.weights[l][j, k]
                }
            }
        }
    }

    /// Every weight and bias nudge in the order of `Network.parameters`.
    public var parameterNudges: [Double] {
        (0..<weightNudges.count).flatMap { weightNudges[$0].values + biasNudges[$0] }
    }

    /// The `count` weights into neuron `j` of layer `layer + 1` with the largest nudges.
    public func strongestWeightNudges(into j: Int, layer: Int, count: Int) -> [Int] {
        let row = (0..<weightNudges[layer].columns).map { abs(weightNudges[layer][j, $0]) }
        return Array(row.indices.sorted { row[$0] > row[$1] }.prefix(count))
    }

    /// The neuron of layer `layer` (1 = first hidden) whose weighted input wants the biggest
    /// change, which is also the one whose incoming weights want the biggest nudges.
    public func strongestNeuron(layer: Int) -> Int {
        let wishes = biasNudges[layer - 1].map(abs)
        return wishes.indices.max { wishes[$0] < wishes[$1] } ?? 0
    }

    /// 1 for the most active neuron, 2 for the next, and so on.
    public func rank(of k: Int, in activations: [Double]) -> Int {
        activations.filter { $0 > activations[k] }.count + 1
    }

    /// In every layer, the weight that wants the biggest nudge, nudged by hand: the story's nudge
    /// beside minus the measured slope of the cost. `layer` counts weight matrices from 0.
    public func spotChecks(
        network: Network, example: Example
    ) -> [(layer: Int, j: Int, k: Int, nudge: Double, measured: Double)] {
        weightNudges.indices.map { l in
            let values = weightNudges[l].values.map(abs)
            let strongest = values.indices.max { values[$0] < values[$1] } ?? 0
            let (j, k) = (strongest / weightNudges[l].columns, strongest % weightNudges[l].columns)
            let slope = centralDifference(
                { w in
                    var nudged = network
                    nudged.weights[l][j, k] = w
                    return nudged.cost(example)
                }, at: network.weights[l][j, k])
            return (l, j, k, weightNudges[l][j, k], -slope)
        }
    }
}
