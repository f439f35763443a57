/// UTF-8 checks for label values and help texts, which Prometheus requires to be valid.
enum UTF8Validation {
    /// True when `bytes[start..<end]` is well-formed UTF-8 (no overlong forms, no
    /// surrogates, nothing above U+10FFFF).
    static func isValid(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
        var i = start
        while i < end {
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return false
            }
            guard end - i >= length else { return false }
            let second = bytes[i + 1]
            guard second >= lower && second <= upper else { return false }
            var k = 2
            while k < length {
                guard bytes[i + k] & 0xC0 == 0x80 else { return false }
                k += 1
            }
            i += length
        }
        return true
    }

    /// The number of Unicode scalars in valid UTF-8 `bytes[start..<end]`.
    static func scalarCount(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Int {
        var count = 0
        for i in start..<end where bytes[i] & 0xC0 != 0x80 { count += 1 }
        return count
    }
}
