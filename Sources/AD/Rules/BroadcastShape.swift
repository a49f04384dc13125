import Zy

/// Julia's broadcast shapes: sizes agree or are 1 (which repeats); missing
/// trailing dimensions count as 1.
enum BroadcastShape {
    static func combine(_ shapes: [[Int]]) throws -> [Int] {
        let rank = shapes.map(\.count).max() ?? 0
        var dims = [Int](repeating: 1, count: rank)
        for shape in shapes {
            for (d, size) in shape.enumerated() where size != 1 {
                if dims[d] == 1 {
                    dims[d] = size
                } else if dims[d] != size {
                    throw Exceptions.error("DimensionMismatch: arrays could not be broadcast to a common size; got a dimension with lengths \(dims[d]) and \(size)")
                }
            }
        }
        return dims
    }

    /// For each output position (column-major), the linear index of the
    /// element of an array of `shape` that it reads.
    static func sourceIndices(_ shape: [Int], into dims: [Int]) -> [Int] {
        let n = dims.reduce(1, *)
        var strides: [Int] = []
        var stride = 1
        for d in dims.indices {
            let size = d < shape.count ? shape[d] : 1
            strides.append(size == 1 ? 0 : stride)
            stride &*= size
        }
        var out = [Int](repeating: 0, count: n)
        var index = [Int](repeating: 0, count: dims.count)
        var source = 0
        for i in 0..<n {
            out[i] = source
            // advance the multi-index like an odometer
            var d = 0
            while d < dims.count {
                index[d] += 1
                source += strides[d]
                if index[d] < dims[d] { break }
                source -= strides[d] * index[d]
                index[d] = 0
                d += 1
            }
        }
        return out
    }
}
