import Backprop
import Experiments
import LessonKit

extension LessonContext {
    /// With `--step`, what the students network's training asks before each row's update: it
    /// shows the update, the freed weight `name` followed through it, and answers false when the
    /// learner stops. Without `--step`, training goes on without showing anything.
    public func rowSteps(
        _ training: StudentsTraining, weight name: String
    )
        -> (StudentsTraining.RowUpdate) -> Bool
    {
        guard let stepper else { return { _ in true } }
        let freed = (layer: 0, j: training.freed.j, k: training.freed.k)
        return { update in
            let lines = rowUpdate(
                update.network, update.example, eta: training.learningRate, weight: freed,
                name: name)
            return stepper.show("epoch \(update.epoch), row \(update.row + 1) of 4", lines)
        }
    }
}

/// What one example's update does to the network, for `--step`: the forward values, the error, the
/// slope of one weight, its nudge, and the weight and the example's loss after the update.
func rowUpdate(
    _ network: Network, _ example: Example, eta: Double, weight: (layer: Int, j: Int, k: Int),
    name: String
) -> [String] {
    let pass = network.forward(example.input)
    let backward = network.backpropagate(example)
    var after = network
    after.descend(along: backward.gradient, learningRate: eta)
    let slope = backward.gradient.weights[weight.layer][weight.j, weight.k]
    let old = network.weights[weight.layer][weight.j, weight.k]
    func number(_ x: Double) -> String { Format.number(x, digits: 6) }
    func list(_ values: [Double]) -> String {
        values.map { Format.number($0, digits: 5) }.joined(separator: ", ")
    }
    return [
        "input (\(list(example.input))) → hidden (\(list(pass.activations[1]))) "
            + "→ ŷ = \(list(pass.output)); wanted \(list(example.target))",
        "error ŷ − y = \(list(zip(pass.output, example.target).map(-))), "
            + "loss \(number(network.cost(example)))",
        "\(name): ∂L/∂w = \(number(slope)), nudge −η·∂L/∂w = \(number(-eta * slope))",
        "after the update (all 9 parameters move): w = \(number(old - eta * slope)), "
            + "this row's loss \(number(after.cost(example)))",
    ]
}
