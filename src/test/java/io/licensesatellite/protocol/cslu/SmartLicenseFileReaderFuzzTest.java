package io.licensesatellite.protocol.cslu;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whatever the bytes, reading a device file ends in a file or a {@link UsageFileException} with a problem kind; any
 * other exception or error is a bug. Without {@code JAZZER_FUZZ} this replays the corpus in
 * {@code SmartLicenseFileReaderFuzzTestInputs/}; see docs/build-notes.md for fuzzing.
 */
class SmartLicenseFileReaderFuzzTest {
    private static final SmartLicenseFileReader READER = new SmartLicenseFileReader(
            new SmartLicenseFileReader.Limits(1 << 20, 10_000, 12, 65_536, 1000));

    @FuzzTest(maxDuration = "2m")
    void readingAnyBytesEndsInAFileOrAProblem(byte[] input) {
        SmartLicenseFile file;
        try {
            file = READER.read(input);
        } catch (UsageFileException e) {
            assertThat(e.kind()).isNotNull();
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(file.rumReports().size() + file.authorizationRequests().size()).isPositive();
        assertThat(file.rumReports()).allSatisfy(r -> assertThat(r.length).isLessThanOrEqualTo(4 * 65_536));
    }
}
