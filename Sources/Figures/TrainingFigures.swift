import Backprop
import Claims
import Experiments
import Plotting

/// The figures of lesson 12: cost and accuracy by epoch, the mistakes, the first layer's weights.
extension DigitTraining.Result {
    /// The training cost (left axis) and the test accuracy (right axis), epoch by epoch.
    var progressPlot: Plot {
        Plot(
            x: Axis("epoch", wholeNumbers: true), y: Axis("average cost C₀ on the training set"),
            y2: Axis("test accuracy (%)"),
            series: [
                Series(
                    "training cost (left axis)",
                    costs.enumerated().map { [Double($0.offset), $0.element] }, look: .path,
                    colour: .palette(1), revealEvery: 1, markHead: true),
                Series(
                    "test accuracy (right axis)",
                    accuracies.enumerated().map { [Double($0.offset), 100 * $0.element] },
                    look: .path, onSecondAxis: true, revealEvery: 1, markHead: true),
            ])
    }

    /// Cost and accuracy after each epoch.
    public func training() -> Chart {
        .single(
            "training", title: "Cost and test accuracy, epoch by epoch", progressPlot,
            notes: ["cost and accuracy after each epoch (0: untrained)"])
    }

    /// Cost and accuracy, drawn epoch by epoch.
    public func trainingAnimated(_ settings: Animation) -> Chart {
        .animation(
            "training-animation", title: "Cost and test accuracy", [progressPlot],
            steps: experiment.epochs, frames: experiment.epochs + 1,
            delay: max(settings.delay, 40), frameTitle: "Cost and test accuracy after epoch %d")
    }

    /// The first test images it reads wrong, true digit → guess; none when it reads them all.
    public func mistakePictures() -> [Chart] {
        guard !mistakes.isEmpty else { return [] }
        let test = experiment.digits.test
        let pictures = mistakes.prefix(Self.drawnMistakes).map { index, guess in
            Picture("#\(index): \(test.labels[index]) → \(guess)", values: test.image(index))
        }
        return [
            .pictures(
                "mistakes", title: "Test digits it got wrong (true → guessed)", pictures,
                columns: 8, colourBar: inkBar, notes: ["the first misclassified test images"])
        ]
    }

    /// The weights into each neuron of layer 1 (at most 32), as 28×28 pictures.
    public func firstLayerWeights() -> Chart {
        let weights = trained.weights[0]
        let pictures = (0..<min(weights.rows, 32)).map {
            Picture("neuron \($0)", values: incomingWeights(weights, neuron: $0))
        }
        return .pictures(
            "first-layer-weights", title: "The weights into each neuron of layer 1, as pictures",
            pictures, columns: 8, colourBar: signedBar("weight", weights.values),
            notes: ["the 784 weights into each neuron of layer 1"])
    }
}
