import Backprop
import LessonKit
import Plotting

/// A network as a graph: the layers `layers` (network layer numbers, consecutive), in each only the
/// neurons `shown`, edges between them carrying their weight and ∂C/∂w from `gradient`.
func networkGraph(_ network: Network, _ pass: ForwardPass, _ gradient: Gradient, layers: [Int], shown: [[Int]],
                  names: (Int, Int) -> String, biases: Bool, labelEdges: Bool) -> NetworkGraph {
    let columns = zip(layers, shown).map { layer, neurons in
        neurons.map { j in
            NetworkGraph.Neuron(names(layer, j), activation: pass.activations[layer][j], detail: biases && layer > 0
                ? "b = \(Format.number(network.biases[layer - 1][j], digits: 3)), ∂L/∂b = \(Format.number(gradient.biases[layer - 1][j], digits: 3))" : nil)
        }
    }
    let edges = layers.indices.dropLast().flatMap { c in
        shown[c + 1].indices.flatMap { to in shown[c].indices.map { from in
            let l = layers[c], (j, k) = (shown[c + 1][to], shown[c][from])
            return NetworkGraph.Edge(column: c, from: from, to: to, weight: network.weights[l][j, k], slope: gradient.weights[l][j, k])
        } }
    }
    return NetworkGraph(columns: columns, columnNames: layers.map { "layer \($0)" }, edges: edges, labelEdges: labelEdges)
}

/// What one example's update does to the network, for `--step`: the forward values, the error, the
/// slope of one weight, its nudge, and the weight and the example's loss after the update.
func rowUpdate(_ network: Network, _ example: Example, eta: Double, weight: (layer: Int, j: Int, k: Int), name: String) -> [String] {
    let pass = network.forward(example.input), backward = network.backpropagate(example)
    var after = network
    after.descend(along: backward.gradient, learningRate: eta)
    let slope = backward.gradient.weights[weight.layer][weight.j, weight.k], old = network.weights[weight.layer][weight.j, weight.k]
    func list(_ values: [Double]) -> String { values.map { Format.number($0, digits: 5) }.joined(separator: ", ") }
    return ["input (\(list(example.input))) → hidden (\(list(pass.activations[1]))) → ŷ = \(list(pass.output)); wanted \(list(example.target))",
            "error ŷ − y = \(list(zip(pass.output, example.target).map(-))), loss \(Format.number(network.cost(example), digits: 6))",
            "\(name): ∂L/∂w = \(Format.number(slope, digits: 6)), nudge −η·∂L/∂w = \(Format.number(-eta * slope, digits: 6))",
            "after the update (all 9 parameters move): w = \(Format.number(old - eta * slope, digits: 6)), this row's loss \(Format.number(after.cost(example), digits: 6))"]
}

/// One layer of one example's backward pass, for `--step`: the layer's activations, its errors δ,
/// its strongest weight's slope and nudge, and what one step of η = 1 on this layer alone would do.
func layerUpdate(_ network: Network, _ example: Example, _ backward: BackwardPass, layer l: Int) -> [String] {
    let a = backward.forward.activations[l], delta = backward.errors[l - 1], gradient = backward.gradient.weights[l - 1]
    let j = delta.indices.max { abs(delta[$0]) < abs(delta[$1]) } ?? 0
    let k = (0..<gradient.columns).max { abs(gradient[j, $0]) < abs(gradient[j, $1]) } ?? 0
    var stepped = network
    stepped.weights[l - 1].values = zip(network.weights[l - 1].values, gradient.values).map(-)
    stepped.biases[l - 1] = zip(network.biases[l - 1], backward.gradient.biases[l - 1]).map(-)
    let top = a.indices.sorted { a[$0] > a[$1] }.prefix(3).map { "a[\($0)] = \(Format.number(a[$0], digits: 3))" }
    return ["forward: the most active of its \(a.count) neurons: \(top.joined(separator: ", "))",
            "error δ = ∂C₀/∂z: largest at neuron \(j), δ = \(Format.number(delta[j], digits: 4))",
            "its strongest weight w\(superscript(l))[\(j),\(k)] = \(Format.number(network.weights[l - 1][j, k], digits: 4)): ∂C₀/∂w = δ·a = "
                + "\(Format.number(gradient[j, k], digits: 4)), nudge −η·∂C₀/∂w = \(Format.number(-gradient[j, k], digits: 4)) with η = 1",
            "one step of η = 1 on this layer alone: w\(superscript(l))[\(j),\(k)] → \(Format.number(stepped.weights[l - 1][j, k], digits: 4)), "
                + "this example's cost \(Format.number(network.cost(example), digits: 5)) → \(Format.number(stepped.cost(example), digits: 5))"]
}

/// The CampusX 2-2-1 students network as a graph: activations for the first row, every weight and
/// bias with its slope over all four rows.
func studentsGraph(_ network: Network) -> NetworkGraph {
    networkGraph(network, network.forward(StudentsData.examples[0].input), network.gradient(over: StudentsData.examples), layers: [0, 1, 2],
                 shown: [[0, 1], [0, 1], [0]], names: { l, j in [["cgpa", "profile"], ["h₀", "h₁"], ["ŷ"]][l][j] }, biases: true, labelEdges: true)
}
