package io.licensesatellite.sync.file;

import java.security.cert.X509Certificate;

/** The reader's question to its caller: may this certificate sign this kind of file? */
@FunctionalInterface
public interface SignerTrust {
    /** Throws {@link SyncFileException} with reason {@code SIGNER_NOT_TRUSTED} and a precise detail when not. */
    void check(X509Certificate signer) throws SyncFileException;
}
