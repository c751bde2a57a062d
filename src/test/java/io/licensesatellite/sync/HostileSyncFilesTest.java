package io.licensesatellite.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.testing.DatabaseFingerprint;
import io.licensesatellite.testing.SatelliteJourney;
import io.licensesatellite.testing.UpstreamLab;
import io.licensesatellite.upstream.UpstreamEmulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a response file can be wrong, each refused with its own problem type and a precise reason, and the
 * database exactly as it was (the audit log aside, which records the refusal).
 */
@QuarkusTest
class HostileSyncFilesTest extends SatelliteJourney {
    private static final String PROBLEMS = "https://license-satellite.io/problems/";

    @Inject
    DataSource dataSource;

    UpstreamLab lab;
    byte[] goodResponse;

    @BeforeEach
    void aFreshAnswer() {
        lab = UpstreamLab.shared();
        lab.ensureRegistered(api);
        goodResponse = answerOf(lab.downloadRequest(api, "standard").then().statusCode(200).extract().asByteArray());
    }

    @Test
    void aTamperedByteBreaksTheSignature() {
        byte[] tampered = goodResponse.clone();
        int at = UpstreamLab.signedPart(goodResponse).length() / 2;
        tampered[at] = (byte) (tampered[at] == 'x' ? 'y' : 'x');
        refused(tampered, 422, "sync-file-signature-mismatch", "signature");
    }

    @Test
    void lineEndingsConvertedInTransitBreakTheSignature() {
        String crlf = new String(goodResponse, StandardCharsets.UTF_8).replace("\n", "\r\n");
        refused(crlf.getBytes(StandardCharsets.UTF_8), 422, null, null);
    }

    @Test
    void aFileSignedByAnotherUpstreamIsNotTrusted(@TempDir Path otherState) {
        UpstreamEmulator other = new UpstreamEmulator(otherState, io.licensesatellite.testing.TestClock.CLOCK);
        other.init();
        byte[] forged = UpstreamLab.signed(UpstreamLab.signedPart(goodResponse).getBytes(StandardCharsets.UTF_8),
                otherState.resolve("signer-key.pem"), otherState.resolve("signer.pem"));
        refused(forged, 422, "sync-file-signer-not-trusted", "not issued by the upstream CA");
    }

    @Test
    void theUpstreamsCertificateWithAnotherKeysSignatureDoesNotMatch(@TempDir Path otherState) {
        UpstreamEmulator other = new UpstreamEmulator(otherState, io.licensesatellite.testing.TestClock.CLOCK);
        other.init();
        Path ourCertificate = labState().resolve("signer.pem");
        byte[] forged = UpstreamLab.signed(UpstreamLab.signedPart(goodResponse).getBytes(StandardCharsets.UTF_8),
                otherState.resolve("signer-key.pem"), ourCertificate);
        refused(forged, 422, "sync-file-signature-mismatch", "signature");
    }

    @Test
    void aTruncatedFileHasNoSignature() {
        refused(Arrays.copyOf(goodResponse, goodResponse.length / 2), 422, "sync-file-not-signed", null);
        String text = new String(goodResponse, StandardCharsets.UTF_8);
        byte[] cutInTrailer = text.substring(0, text.lastIndexOf("signature: ") + 20).getBytes(StandardCharsets.UTF_8);
        refused(cutInTrailer, 422, "sync-file-not-signed", null);
    }

    @Test
    void anUnsignedFileIsRefusedBeforeItIsRead() {
        refused(UpstreamLab.signedPart(goodResponse).getBytes(StandardCharsets.UTF_8), 422, "sync-file-not-signed", null);
    }

    @Test
    void aFileOverTheLimitIsRefusedUnread() {
        byte[] huge = new byte[1024 * 1024 + 1];
        Arrays.fill(huge, (byte) '#');
        refused(huge, 413, "sync-file-too-large", "more than the limit");
    }

    @Test
    void aResponseReplayedAfterImportChangesNothing() {
        lab.upload(api, goodResponse).then().statusCode(200);
        refused(goodResponse, 409, "sync-response-replayed", "already imported");
    }

    @Test
    void anOlderResponseCannotRollLicencesBack() {
        byte[] newer = answerOf(lab.downloadRequest(api, "standard").then().statusCode(200).extract().asByteArray());
        lab.upload(api, newer).then().statusCode(200);
        refused(goodResponse, 409, "sync-response-rolled-back", "roll licences back");
    }

    @Test
    void aResponseToARequestNeverSentIsRefused() {
        String part = UpstreamLab.signedPart(goodResponse).replaceFirst("(in_reply_to:\\s+sequence: )\\d+", "$1999999");
        refused(lab.signedByUpstream(part), 409, "sync-response-unknown-request", "never sent");
    }

    @Test
    void aResponseForAnotherSatelliteIsRefused() {
        String id = api.asAdmin().get("/api/v1/sync").then().extract().path("satelliteId");
        String part = UpstreamLab.signedPart(goodResponse).replace(id, "00000000-0000-4000-8000-000000000000");
        refused(lab.signedByUpstream(part), 422, "sync-file-other-satellite", "this satellite is " + id);
    }

    @Test
    void anotherKindOfFileIsNotAResponse() {
        String part = UpstreamLab.signedPart(goodResponse).replace("kind: sync-response", "kind: authorization");
        refused(lab.signedByUpstream(part), 422, "sync-file-wrong-kind", null);
    }

    @Test
    void anAliasBombIsRefused() {
        StringBuilder bomb = new StringBuilder("format: 1\nkind: sync-response\na: &a [\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        String previous = "a";
        for (int i = 0; i < 12; i++) {
            String name = "b" + i;
            bomb.append(name).append(": &").append(name).append(" [*").append(previous).append(",*").append(previous)
                    .append(",*").append(previous).append(",*").append(previous).append("]\n");
            previous = name;
        }
        refused(lab.signedByUpstream(bomb.toString()), 422, "sync-file-unparseable", "alias");
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "format: 1\nkind: sync-response\nheader: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
        refused(lab.signedByUpstream(deep), 422, "sync-file-unparseable", null);
    }

    @Test
    void duplicateKeysAreRefused() {
        String part = UpstreamLab.signedPart(goodResponse).replaceFirst("format: 1\n", "format: 1\nformat: 1\n");
        refused(lab.signedByUpstream(part), 422, "sync-file-unparseable", "duplicate");
    }

    @Test
    void globalTagsAreRefused() {
        String gadget = "format: 1\nkind: sync-response\nheader: !!javax.script.ScriptEngineManager "
                + "[!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\n";
        refused(lab.signedByUpstream(gadget), 422, "sync-file-unparseable", "tag");
    }

    @Test
    void wrongTypesAreRefusedWithTheirPath() {
        String part = UpstreamLab.signedPart(goodResponse).replaceFirst("(in_reply_to:\\s+sequence: )(\\d+)", "$1\"$2\"");
        refused(lab.signedByUpstream(part), 422, "sync-file-invalid", "sequence");
    }

    private byte[] answerOf(byte[] request) {
        return lab.emulator().answer(request).responseFile();
    }

    private Path labState() {
        return lab.emulator().accountsFile().getParent();
    }

    private void refused(byte[] file, int status, String type, String detailPart) {
        String before = DatabaseFingerprint.of(dataSource);
        JsonPath problem = lab.upload(api, file).then().statusCode(status).contentType("application/problem+json")
                .extract().jsonPath();
        if (type != null) {
            assertThat(problem.getString("type")).isEqualTo(PROBLEMS + type);
        }
        assertThat(problem.getString("detail")).isNotBlank();
        if (detailPart != null && !detailPart.isEmpty()) {
            assertThat(problem.getString("detail")).containsIgnoringCase(detailPart);
        }
        assertThat(DatabaseFingerprint.of(dataSource)).as("database after the refusal").isEqualTo(before);
    }
}
