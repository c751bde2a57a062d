package io.licensesatellite.sync.file;

/**
 * A sync file refused by the reader. Each reason is one check of the fixed order (size, signature,
 * parsing, model); the detail is precise and safe to show to an operator (never parser internals).
 */
public class SyncFileException extends Exception {

    /** Why a file was refused, in the order the checks run. */
    public enum Reason {
        /** Larger than the configured limit; nothing else was looked at. */
        TOO_LARGE,
        /** No signature block, or one that is malformed (missing line, bad base64, bad certificate). */
        NOT_SIGNED,
        /** The signing certificate is not one this reader trusts for this kind of file. */
        SIGNER_NOT_TRUSTED,
        /** The signature does not verify over the signed bytes: the file was changed or signed by another key. */
        SIGNATURE_MISMATCH,
        /** The signed part is not YAML within the limits (aliases, depth, code points, duplicate keys, tags). */
        UNPARSEABLE,
        /** Valid YAML but not a valid file of the expected kind (missing field, wrong type, bad value). */
        INVALID,
        /** A valid file of another kind (for example a request uploaded where a response was expected). */
        WRONG_KIND
    }

    private final Reason reason;

    public SyncFileException(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public Reason reason() { return reason; }
}
