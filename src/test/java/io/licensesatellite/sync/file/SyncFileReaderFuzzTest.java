package io.licensesatellite.sync.file;

import static io.licensesatellite.sync.file.SyncFileFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Whatever the bytes, reading ends in a valid file or a {@link SyncFileException}; any other exception or error is a
 * bug. The first input byte chooses the kind (bits 0-1) and whether the rest is signed here with the trusted key
 * (bit 2 clear: it reaches the YAML and model checks) or read as a whole file (bit 2 set: it exercises the framing).
 *
 * <p>Without {@code JAZZER_FUZZ} this replays the corpus in {@code SyncFileReaderFuzzTestInputs/} as a regression
 * test; see docs/build-notes.md for fuzzing.
 */
class SyncFileReaderFuzzTest {
    private static final SyncFiles FILES = new SyncFiles(new SyncFileLimits(1 << 20, 16, 10_000));

    @FuzzTest(maxDuration = "2m")
    void readingAnyBytesEndsInAFileOrARefusal(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int kind = input[0] & 3;
        boolean signHere = (input[0] & 4) == 0;
        byte[] content = Arrays.copyOfRange(input, 1, input.length);
        byte[] raw = signHere ? SATELLITE.sign(content) : content;
        Object file;
        try {
            file = read(kind, raw);
        } catch (SyncFileException e) {
            assertThat(e.reason()).isNotNull();
            assertThat(e.getMessage()).isNotBlank().doesNotContain("Exception");
            return;
        }
        assertThat(file).isNotNull();
        if (signHere) {
            assertThat(rewritten(kind, file)).isEqualTo(file);
        }
    }

    private static Object read(int kind, byte[] raw) throws SyncFileException {
        return switch (kind) {
            case 0 -> FILES.readRegistration(raw);
            case 1 -> FILES.readAuthorization(raw, SATELLITE.trust()).file();
            case 2 -> FILES.readRequest(raw, SATELLITE.trust()).file();
            default -> FILES.readResponse(raw, SATELLITE.trust()).file();
        };
    }

    /** A file the reader accepted is one the writer accepts too, and it reads back the same. */
    private static Object rewritten(int kind, Object file) {
        var key = SATELLITE.keys().getPrivate();
        var certificate = SATELLITE.certificate();
        try {
            return switch (kind) {
                case 0 -> read(kind, FILES.writeRegistration((RegistrationFile) file, key, certificate));
                case 1 -> read(kind, FILES.writeAuthorization((AuthorizationFile) file, key, certificate));
                case 2 -> read(kind, FILES.writeRequest((SyncRequestFile) file, key, certificate));
                default -> read(kind, FILES.writeResponse((SyncResponseFile) file, key, certificate));
            };
        } catch (SyncFileException e) {
            throw new AssertionError("A file read once is refused after writing it again: " + e.getMessage(), e);
        }
    }
}
