package io.licensesatellite.sync;

import io.licensesatellite.platform.ErrorKind;
import io.licensesatellite.platform.SatelliteException;
import io.licensesatellite.sync.file.SyncFileException;

/** One problem type per refusal reason, so automation can tell a tampered file from a wrong one. */
final class SyncRefusals {
    private SyncRefusals() {}

    static SatelliteException of(SyncFileException e) {
        ErrorKind kind = switch (e.reason()) {
            case TOO_LARGE -> ErrorKind.SYNC_FILE_TOO_LARGE;
            case NOT_SIGNED -> ErrorKind.SYNC_FILE_NOT_SIGNED;
            case SIGNER_NOT_TRUSTED -> ErrorKind.SYNC_FILE_SIGNER_NOT_TRUSTED;
            case SIGNATURE_MISMATCH -> ErrorKind.SYNC_FILE_SIGNATURE_MISMATCH;
            case UNPARSEABLE -> ErrorKind.SYNC_FILE_UNPARSEABLE;
            case INVALID -> ErrorKind.SYNC_FILE_INVALID;
            case WRONG_KIND -> ErrorKind.SYNC_FILE_WRONG_KIND;
        };
        return new SatelliteException(kind, e.getMessage());
    }

    static SatelliteException notRegistered() {
        return new SatelliteException(ErrorKind.SATELLITE_NOT_REGISTERED,
                "The satellite is not registered with an upstream yet: download its registration file, register it"
                        + " upstream, and upload the authorization file you get back");
    }
}
