package io.licensesatellite.sync.file;

import static io.licensesatellite.sync.file.HostileFiles.*;
import static io.licensesatellite.sync.file.SyncFileFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.licensesatellite.sync.file.SyncFileException.Reason;
import org.junit.jupiter.api.Test;

/** A file over the size limit is refused before anything else, even before its signature block is looked for. */
class FileSizeLimitTest {

    @Test
    void aFileOneByteOverTheLimitIsRefusedUnread() {
        byte[] valid = aSignedRequest();
        SyncFiles small = new SyncFiles(new SyncFileLimits(valid.length - 1, 16, 1000));
        assertThatThrownBy(() -> small.readRequest(valid, signer -> { throw new AssertionError("the signer must not be asked"); }))
                .isInstanceOfSatisfying(SyncFileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE))
                .hasMessage("The file is " + valid.length + " bytes, more than the limit of " + (valid.length - 1)
                        + " bytes; it was not read");
    }

    @Test
    void aFileOfExactlyTheLimitIsRead() throws SyncFileException {
        byte[] valid = aSignedRequest();
        SyncFiles exact = new SyncFiles(new SyncFileLimits(valid.length, 16, 1000));
        assertThat(exact.readRequest(valid, SATELLITE.trust()).file()).isEqualTo(aRequest());
    }

    @Test
    void garbageOverTheLimitIsRefusedForItsSizeNotItsContent() {
        byte[] garbage = new byte[4097];
        assertThatThrownBy(() -> new SyncFiles(new SyncFileLimits(4096, 16, 1000)).readRegistration(garbage))
                .isInstanceOfSatisfying(SyncFileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    }
}
