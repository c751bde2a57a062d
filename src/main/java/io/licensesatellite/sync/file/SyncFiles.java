package io.licensesatellite.sync.file;

import io.licensesatellite.sync.file.SyncFileException.Reason;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.function.Supplier;

/**
 * Writes and reads the four sync files. Reading runs the checks in a fixed order and stops at the first
 * failure: size, signature block and signature over the raw signed bytes, safe bounded YAML, file model.
 * Identity and sequence checks need state and belong to the caller.
 */
public final class SyncFiles {
    private final SyncFileLimits limits;

    public SyncFiles(SyncFileLimits limits) { this.limits = limits; }

    /**
     * @throws IllegalArgumentException if the record breaks the file model (the message names the field), the key
     *                                  does not belong to {@code signer}, or {@code signer} is not a self-signed
     *                                  certificate of the CSR's key
     */
    public byte[] writeRegistration(RegistrationFile file, PrivateKey key, X509Certificate signer) {
        YamlWriter body = written(() -> RegistrationFormat.write(file));
        try {
            RegistrationSigner.check(signer);
            RegistrationSigner.checkCsr(file, signer);
        } catch (SyncFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return SignatureBlock.append(body, key, signer);
    }

    /** @throws IllegalArgumentException if the record breaks the file model, or the key does not belong to {@code signer} */
    public byte[] writeAuthorization(AuthorizationFile file, PrivateKey key, X509Certificate signer) {
        return SignatureBlock.append(written(() -> AuthorizationFormat.write(file)), key, signer);
    }

    /** @throws IllegalArgumentException if the record breaks the file model, or the key does not belong to {@code signer} */
    public byte[] writeRequest(SyncRequestFile file, PrivateKey key, X509Certificate signer) {
        return SignatureBlock.append(written(() -> SyncRequestFormat.write(file)), key, signer);
    }

    /** @throws IllegalArgumentException if the record breaks the file model, or the key does not belong to {@code signer} */
    public byte[] writeResponse(SyncResponseFile file, PrivateKey key, X509Certificate signer) {
        return SignatureBlock.append(written(() -> SyncResponseFormat.write(file)), key, signer);
    }

    /** Registration files are self-signed: the signer must be a certificate of the key in the CSR. */
    public RegistrationFile readRegistration(byte[] raw) throws SyncFileException {
        Signed<RegistrationFile> signed = read(raw, RegistrationSigner::check, RegistrationFormat::read);
        RegistrationSigner.checkCsr(signed.file(), signed.signer());
        return signed.file();
    }

    /** Returns the file and the certificate that signed it (the caller checks it chains to the CA inside). */
    public Signed<AuthorizationFile> readAuthorization(byte[] raw, SignerTrust trust) throws SyncFileException {
        return read(raw, trust, AuthorizationFormat::read);
    }

    public Signed<SyncRequestFile> readRequest(byte[] raw, SignerTrust trust) throws SyncFileException {
        return read(raw, trust, SyncRequestFormat::read);
    }

    public Signed<SyncResponseFile> readResponse(byte[] raw, SignerTrust trust) throws SyncFileException {
        return read(raw, trust, SyncResponseFormat::read);
    }

    /** A file read and verified, with the certificate that signed it and the SHA-256 (hex) of the raw bytes. */
    public record Signed<T>(T file, X509Certificate signer, String digest) {}

    /** One kind's mapping from the parsed document to its record. */
    @FunctionalInterface
    private interface Model<T> {
        T read(Object document) throws SyncFileException;
    }

    /** The reading order of docs/sync.md; each step runs only on what the previous ones accepted. */
    private <T> Signed<T> read(byte[] raw, SignerTrust trust, Model<T> model) throws SyncFileException {
        if (raw.length > limits.maxBytes()) {
            throw new SyncFileException(Reason.TOO_LARGE, "The file is " + raw.length + " bytes, more than the limit of "
                    + limits.maxBytes() + " bytes; it was not read");
        }
        SignatureBlock.Parts parts = SignatureBlock.split(raw);
        trust.check(parts.certificate());
        String digest = SignatureBlock.verify(raw, parts);
        Object document = new BoundedYaml(limits).read(raw, parts.signedLength());
        T file;
        try {
            file = model.read(document);
        } catch (ModelViolation e) {
            throw new SyncFileException(Reason.INVALID, e.getMessage());
        }
        return new Signed<>(file, parts.certificate(), digest);
    }

    private static YamlWriter written(Supplier<YamlWriter> format) {
        try {
            return format.get();
        } catch (ModelViolation e) {
            throw new IllegalArgumentException("Cannot write this sync file: " + e.getMessage(), e);
        }
    }
}
