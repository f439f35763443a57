import NIOSSL

/// Parses PEM certificates and keys with NIOSSL, turning failures into
/// ``ConfigurationError``s that name the field the bytes came from.
enum PEMMaterial {
    /// Every certificate of a PEM bundle; at least one must be present.
    static func certificates(
        _ pem: [UInt8], file: String?, field: String
    ) throws(ConfigurationError) -> [NIOSSLCertificate] {
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMBytes(pem)
        } catch {
            throw ConfigurationError(file: file, field: field, message: "not a valid PEM certificate (\(error))")
        }
        guard !certificates.isEmpty else {
            throw ConfigurationError(file: file, field: field, message: "no PEM certificate found")
        }
        return certificates
    }

    /// A PEM private key (PKCS#1, PKCS#8 or SEC1; not encrypted).
    static func privateKey(
        _ pem: [UInt8], file: String?, field: String
    ) throws(ConfigurationError) -> NIOSSLPrivateKey {
        do {
            return try NIOSSLPrivateKey(bytes: pem, format: .pem)
        } catch {
            throw ConfigurationError(
                file: file, field: field, message: "not a valid unencrypted PEM private key (\(error))")
        }
    }

    static func validateCertificates(_ pem: [UInt8], file: String?, field: String) throws(ConfigurationError) {
        _ = try certificates(pem, file: file, field: field)
    }

    static func validatePrivateKey(_ pem: [UInt8], file: String?, field: String) throws(ConfigurationError) {
        _ = try privateKey(pem, file: file, field: field)
    }
}
