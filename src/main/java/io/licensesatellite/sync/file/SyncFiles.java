package io.licensesatellite.sync.file;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * Writes and reads the four sync files. Reading runs the checks in a fixed order and stops at the first
 * failure: size, signature block and signature over the raw signed bytes, safe bounded YAML, file model.
 * Identity and sequence checks need state and belong to the caller.
 */
public final class SyncFiles {
    private final SyncFileLimits limits;

    public SyncFiles(SyncFileLimits limits) { this.limits = limits; }

    public byte[] writeRegistration(RegistrationFile file, PrivateKey key, X509Certificate signer) {
        throw new UnsupportedOperationException("todo");
    }

    public byte[] writeAuthorization(AuthorizationFile file, PrivateKey key, X509Certificate signer) {
        throw new UnsupportedOperationException("todo");
    }

    public byte[] writeRequest(SyncRequestFile file, PrivateKey key, X509Certificate signer) {
        throw new UnsupportedOperationException("todo");
    }

    public byte[] writeResponse(SyncResponseFile file, PrivateKey key, X509Certificate signer) {
        throw new UnsupportedOperationException("todo");
    }

    /** Registration files are self-signed: the signer must be a certificate of the key in the CSR. */
    public RegistrationFile readRegistration(byte[] raw) throws SyncFileException {
        throw new UnsupportedOperationException("todo");
    }

    /** Returns the file and the certificate that signed it (the caller checks it chains to the CA inside). */
    public Signed<AuthorizationFile> readAuthorization(byte[] raw, SignerTrust trust) throws SyncFileException {
        throw new UnsupportedOperationException("todo");
    }

    public Signed<SyncRequestFile> readRequest(byte[] raw, SignerTrust trust) throws SyncFileException {
        throw new UnsupportedOperationException("todo");
    }

    public Signed<SyncResponseFile> readResponse(byte[] raw, SignerTrust trust) throws SyncFileException {
        throw new UnsupportedOperationException("todo");
    }

    /** A file read and verified, with the certificate that signed it and the SHA-256 (hex) of the raw bytes. */
    public record Signed<T>(T file, X509Certificate signer, String digest) {}
}
