/// Julia's `show` for `Float64`: the shortest decimal digits that round-trip
/// (Ryu), laid out as Julia's `Ryu.writeshortest` does — plain notation when
/// the decimal point position `pt` (digits before the point) satisfies
/// `-4 < pt <= 6`, scientific `d.ddde±x` otherwise; always with a `.`.
enum FloatFormat {
    /// The shortest round-trip digits of a finite, non-zero `x` (no sign),
    /// and the decimal exponent: `|x| == digits × 10^exponent`.
    static func shortestDigits(_ x: Double) -> (digits: [UInt8], exponent: Int) {
        // Swift's description is shortest round-trip too; only its layout differs.
        let text = abs(x).description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var digits: [UInt8] = []
        var afterPoint = 0
        var seenPoint = false
        for c in mantissa {
            if c == "." { seenPoint = true; continue }
            guard let v = c.asciiValue, v >= 48, v <= 57 else { continue }
            digits.append(v - 48)
            if seenPoint { afterPoint += 1 }
        }
        exponent -= afterPoint
        while digits.count > 1, digits.first == 0 { digits.removeFirst() }
        while digits.count > 1, digits.last == 0 { digits.removeLast(); exponent += 1 }
        return (digits, exponent)
    }

    /// Rounds the shortest digits to at most `maxDigits` significant digits,
    /// ties to even when the dropped digits are exactly one half (as Julia's
    /// compact printing does on the shortest representation).
    static func roundDigits(_ digits: [UInt8], _ exponent: Int, to maxDigits: Int) -> ([UInt8], Int) {
        guard digits.count > maxDigits else { return (digits, exponent) }
        var kept = Array(digits[0..<maxDigits])
        let dropped = digits[maxDigits...]
        let first = dropped.first ?? 0
        let restZero = dropped.dropFirst().allSatisfy { $0 == 0 }
        let lastKeptEven = (kept.last ?? 0) % 2 == 0
        var roundUp = first > 5 || (first == 5 && !(restZero && lastKeptEven))
        var exp = exponent + dropped.count
        var i = kept.count - 1
        while roundUp && i >= 0 {
            if kept[i] == 9 { kept[i] = 0; i -= 1 } else { kept[i] += 1; roundUp = false }
        }
        if roundUp { kept.insert(1, at: 0) }
        while kept.count > 1, kept.last == 0 { kept.removeLast(); exp += 1 }
        return (kept, exp)
    }

    /// `show(x)`; `compact` limits to 6 significant digits (matrix display).
    static func format(_ x: Double, compact: Bool = false) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x < 0 ? "-Inf" : "Inf" }
        let sign = x.sign == .minus ? "-" : ""
        if x == 0 { return sign + "0.0" }
        var (digits, exponent) = shortestDigits(x)
        if compact { (digits, exponent) = roundDigits(digits, exponent, to: 6) }
        let text = digits.map { String($0) }.joined()
        let pt = exponent + digits.count
        if pt > -4 && pt <= 6 {
            if pt <= 0 { return sign + "0." + String(repeating: "0", count: -pt) + text }
            if pt >= digits.count { return sign + text + String(repeating: "0", count: exponent) + ".0" }
            let split = text.index(text.startIndex, offsetBy: pt)
            return sign + text[..<split] + "." + text[split...]
        }
        let head = text.prefix(1)
        let tail = digits.count > 1 ? String(text.dropFirst()) : "0"
        return sign + head + "." + tail + "e" + String(pt - 1)
    }
}
