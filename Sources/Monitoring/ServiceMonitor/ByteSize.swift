/// Size strings of the CRDs (`512MB`, `1GiB`, `0`), read with base-2 units as
/// prometheus-operator compares them: `KB` and `KiB` both mean 1024 bytes.
enum ByteSize {
    private static let multipliers: [Character: Double] = [
        "K": 1024, "M": 1_048_576, "G": 1_073_741_824, "T": 1_099_511_627_776,
        "P": 1_125_899_906_842_624, "E": 1_152_921_504_606_846_976,
    ]

    /// The size in bytes, or nil when `text` does not match `([0-9]*[.])?[0-9]+((K|M|G|T|P|E)i?)?B` or `0`.
    static func bytes(_ text: String) -> Double? {
        if text == "0" { return 0 }
        guard text.hasSuffix("B") else { return nil }
        var rest = text.dropLast()
        if rest.hasSuffix("i") { rest = rest.dropLast() }
        var multiplier: Double = 1
        if let last = rest.last, let unit = multipliers[last] {
            multiplier = unit
            rest = rest.dropLast()
        } else if text.dropLast().hasSuffix("i") {
            return nil  // "iB" without a unit letter
        }
        guard !rest.isEmpty, rest.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
              rest.filter({ $0 == "." }).count <= 1, rest.last != ".", let number = Double(rest)
        else { return nil }
        return number * multiplier
    }
}
