// Backprop imports the C kernels' module although its readable math uses none of them: the
// exercises target is not given that module's map, so an exercise that writes `import Backprop`
// (and with it the library's own backward pass) does not compile. ReachTests holds this in place.
import CKernels
