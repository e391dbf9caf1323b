import Backprop
import Experiments

extension LessonContext {
    /// With `--step`, shows the students network's row updates one at a time, the freed weight
    /// `name` followed through each; returns how many were made when the learner stopped early, nil
    /// when they went to the end or did not step.
    public func stepThrough(_ training: StudentsTraining, weight name: String) -> Int? {
        guard let stepper else { return nil }
        var network = StudentsTraining.untrained
        var updates = 0
        for epoch in 1...training.epochs {
            for (row, example) in StudentsTraining.examples.enumerated() {
                let heading = "epoch \(epoch), row \(row + 1) of 4"
                let freed = (layer: 0, j: training.freed.j, k: training.freed.k)
                let lines = rowUpdate(
                    network, example, eta: training.learningRate, weight: freed, name: name)
                guard stepper.show(heading, lines) else { return updates }
                network.descend(
                    along: network.backpropagate(example).gradient,
                    learningRate: training.learningRate)
                updates += 1
            }
            let loss = network.averageCost(StudentsTraining.examples)
            if !loss.isFinite || loss > training.divergenceBound { return nil }
        }
        return nil
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
