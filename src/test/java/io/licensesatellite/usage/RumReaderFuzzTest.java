package io.licensesatellite.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Whatever the bytes, reading a RUM wrapper and its payload ends in a parsed report or a {@link RumReportException}
 * with a refusal; any other exception is a bug. A wrapper the reader accepts forwards (toJson) to one that reads back
 * with the same payload, signature and header. Replays {@code RumReaderFuzzTestInputs/} in every build.
 */
class RumReaderFuzzTest {
    private static final RumReader READER = new RumReader(RumLimits.DEFAULTS);

    @FuzzTest(maxDuration = "2m")
    void readingAnyWrapperEndsInAReportOrARefusal(byte[] input) {
        RumWrapper wrapper;
        try {
            wrapper = READER.wrapper(input);
        } catch (RumReportException e) {
            assertThat(e.refusal()).isNotNull();
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        RumWrapper again;
        try {
            again = READER.wrapper(wrapper.toJson().getBytes(StandardCharsets.UTF_8));
        } catch (RumReportException e) {
            throw new AssertionError("A wrapper the reader accepted does not read back after forwarding: " + e.getMessage());
        }
        assertThat(again.payload()).isEqualTo(wrapper.payload());
        assertThat(again.signatureJson()).isEqualTo(wrapper.signatureJson());
        assertThat(again.headerJson()).isEqualTo(wrapper.headerJson());
        try {
            RumPayload payload = READER.payload(wrapper.payload());
            assertThat(payload.measurements()).allSatisfy(m -> assertThat(m.count()).isNotNegative());
        } catch (RumReportException e) {
            assertThat(e.refusal()).isNotNull();
        }
    }
}
