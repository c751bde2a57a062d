package io.licensesatellite.protocol.cslu;

import io.licensesatellite.platform.ErrorKind;

/** A usage file refused as a whole; the kind is the problem type the admin API answers with. */
public final class UsageFileException extends Exception {
    private final ErrorKind kind;

    UsageFileException(ErrorKind kind, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
    }

    public ErrorKind kind() { return kind; }
}
