package io.licensesatellite.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.licensesatellite.agent.slp.RumReport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** Stored reports come back byte for byte, whichever codec stored them, and smaller with the dictionary. */
class StoredReportCodecTest {

    @Example
    void theDictionaryNeverChangesOnceReportsAreStoredWithIt() throws Exception {
        // a changed dictionary would make every report stored with codec 1 unreadable: a new one needs a new codec number
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(StoredReportCodec.DICTIONARY_1)))
                .isEqualTo("5bbaea879f00ef8d50761af4d9f33fb814c5215a9898997244f11fe58cc42b65");
    }

    @Example
    void aSimulatedDevicesReportIsKeptExactlyAndInAFractionOfItsSize() {
        RumFixture device = RumFixture.aDevice();
        long now = Instant.now().getEpochSecond();
        RumReport report = device.report(42, RumFixture.TAG, new RumReport.Measurement(now - 86_400, now, 7));
        byte[] payload = report.payload().getBytes(StandardCharsets.UTF_8);
        String signature = report.wrapperJson().substring(report.wrapperJson().indexOf(",\"signature\":") + 13,
                report.wrapperJson().length() - 1);

        StoredReportCodec.Encoded stored = StoredReportCodec.encode(payload, signature);

        assertThat(StoredReportCodec.payload(StoredReportCodec.RUM_DICTIONARY_1, stored.payload(), payload.length)).isEqualTo(payload);
        assertThat(StoredReportCodec.signature(StoredReportCodec.RUM_DICTIONARY_1, stored.signature(), null, payload)).isEqualTo(signature);
        byte[] plain = StoredReportCodec.deflate(payload, null);
        assertThat(stored.payload().length).isLessThan(plain.length * 2 / 3);
        assertThat(stored.signature().length).isLessThan(signature.length() / 2);
    }

    @Example
    void reportsStoredBeforeTheDictionaryAreReadAsTheyWere() {
        byte[] payload = "{\"version\":\"2.0\",\"measurements\":[]}".getBytes(StandardCharsets.UTF_8);
        byte[] deflatedAlone = StoredReportCodec.deflate(payload, null);

        assertThat(StoredReportCodec.payload(StoredReportCodec.PLAIN_DEFLATE, deflatedAlone, payload.length)).isEqualTo(payload);
        assertThat(StoredReportCodec.signature(StoredReportCodec.PLAIN_DEFLATE, null, "{\"value\":\"x\"}", payload))
                .isEqualTo("{\"value\":\"x\"}");
    }

    @Example
    void aDamagedOrUnknownStoredReportIsAnErrorNotOtherBytes() {
        byte[] payload = "{\"version\":\"2.0\"}".getBytes(StandardCharsets.UTF_8);
        StoredReportCodec.Encoded stored = StoredReportCodec.encode(payload, "{}");
        assertThatThrownBy(() -> StoredReportCodec.payload(StoredReportCodec.RUM_DICTIONARY_1, stored.payload(), payload.length + 1))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> StoredReportCodec.payload(7, stored.payload(), payload.length))
                .hasMessageContaining("unknown codec 7");
    }

    @Property(tries = 300)
    void anyPayloadAndSignatureComeBackExactly(@ForAll @Size(max = 4000) byte[] payload, @ForAll String signature) {
        StoredReportCodec.Encoded stored = StoredReportCodec.encode(payload, signature);

        assertThat(StoredReportCodec.payload(StoredReportCodec.RUM_DICTIONARY_1, stored.payload(), payload.length)).isEqualTo(payload);
        assertThat(StoredReportCodec.signature(StoredReportCodec.RUM_DICTIONARY_1, stored.signature(), null, payload))
                .isEqualTo(new String(signature.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }
}
