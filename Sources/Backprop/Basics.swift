// The types, σ and σ′ and the matrix helpers live one module down, in BackpropBasics, where the
// exercises can reach them without reaching the training; everything that imports Backprop sees
// them as before.
@_exported import BackpropBasics
