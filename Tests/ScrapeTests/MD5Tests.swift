import Testing
@testable import Scrape

@Suite("MD5")
struct MD5Tests {
    /// The RFC 1321 appendix A.5 test suite.
    @Test("digests match the RFC 1321 test vectors", arguments: [
        ("", "d41d8cd98f00b204e9800998ecf8427e"),
        ("a", "0cc175b9c0f1b6a831c399e269772661"),
        ("abc", "900150983cd24fb0d6963f7d28e17f72"),
        ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
        ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
        ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"),
        (String(repeating: "1234567890", count: 8), "57edf4a22be3c955ac49da2e2107b67a"),
    ])
    func rfcVectors(input: String, expected: String) {
        #expect(hex(MD5.digest(input.utf8)) == expected)
    }

    /// Lengths at the padding boundaries (55, 56, 63, 64, 65 bytes and two full blocks);
    /// expected values from `printf 'x%.0s' $(seq N) | md5sum`.
    @Test("digests are right at the padding boundaries", arguments: [
        (55, "04364420e25c512fd958a70738aa8f72"),
        (56, "668a72d5ba17f08e62dabcafad6db14b"),
        (63, "7dc2ca208106a2f703567bdff99d8981"),
        (64, "c1bb4f81d892b2d57947682aeb252456"),
        (65, "1bc932052302d074bdec39795fe00cf6"),
        (128, "d69cb61a6ee87200676eb0d4b90edbcb"),
    ])
    func paddingBoundaries(length: Int, expected: String) {
        #expect(hex(MD5.digest(String(repeating: "x", count: length).utf8)) == expected)
    }

    private func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]] })
    }
}
