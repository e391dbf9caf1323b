import Backprop
import Datasets
import LessonKit
import Plotting

/// "training image #5 (a 2)": an image's place in the data set, never to be mistaken for the digit it shows.
func imageName(_ index: Int, label: Int, set: String = "training") -> String {
    "\(set) image #\(index) (a \(label))"
}

/// The colour bar of pixel pictures: white paper to black ink, byte/256.
let inkBar = ColourBar("ink (pixel byte / 256)", range: 0...1, palette: .ink)

/// A colour bar centred on zero that holds every value: blue for negative, red for positive.
func signedBar(_ label: String, _ values: [Double]) -> ColourBar {
    let m = max(values.map(abs).max() ?? 1, 1e-12)
    return ColourBar(label, range: -m...m, palette: .diverging)
}

/// The 784 weights into neuron j of the first hidden layer, as a 28×28 picture.
func incomingWeights(_ weights: Matrix, neuron j: Int) -> [Double] {
    (0..<weights.columns).map { weights[j, $0] }
}
