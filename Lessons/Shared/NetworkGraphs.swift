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
