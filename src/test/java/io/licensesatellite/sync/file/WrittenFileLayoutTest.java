package io.licensesatellite.sync.file;

import static io.licensesatellite.sync.file.SyncFileFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What an operator sees when opening a written file: the layout docs/sync.md shows, and the same bytes every time. */
class WrittenFileLayoutTest {

    @Test
    void aRequestOpensWithAnExplanationAndShowsTheDocumentedLayout() {
        String written = text(files().writeRequest(aRequest(), SATELLITE.keys().getPrivate(), SATELLITE.certificate()));
        assertThat(written).startsWith("# License Satellite sync request. Upload this file to the upstream");
        assertThat(written).contains("# Do not edit: the signature covers every byte above the signature block.\nformat: 1\nkind: sync-request\n");
        assertThat(written).contains("  created_at: \"2026-11-23T10:15:30Z\"\n");
        assertThat(written).contains("  type: standard\n");
        assertThat(written).contains("    - id: \"i-1\"\n      udi: { pid: \"C9300-24T\", serial: \"FOC1234X0AB\", uuid: null }\n");
        assertThat(written).contains("      licenses: [ { tag: \"regid.2017-03.com.cisco.DNA_A\", count: 1, covered: true } ]\n");
        assertThat(written).contains("  certificate_renewal: null\n--- # signature\nalgorithm: SHA256withECDSA\ncertificate: ");
        assertThat(written).matches("(?s).*\nsignature: [A-Za-z0-9+/=]+\n");
    }

    @Test
    void pemValuesAreLiteralBlocks() {
        String written = text(files().writeAuthorization(anAuthorization(), UPSTREAM.keys().getPrivate(), UPSTREAM.certificate()));
        assertThat(written).contains("  ca_certificate: |\n    -----BEGIN CERTIFICATE-----\n    MII");
        assertThat(written).contains("satellite_certificate: |\n  -----BEGIN CERTIFICATE-----\n  MII");
    }

    @Test
    void aResponseWritesLicenceTypesAndSeveritiesAsPlainWordsAndDatesQuoted() {
        String written = text(files().writeResponse(aResponse(), UPSTREAM.keys().getPrivate(), UPSTREAM.certificate()));
        assertThat(written).contains("quantity: 10, type: TERM, end_date: \"2027-03-31\", higher_tier_tag: null }");
        assertThat(written).contains("  - { severity: WARNING, code: \"LICENSES_EXPIRING\"");
    }

    @Test
    void theSignedPartIsTheSameBytesEveryTime() {
        byte[] first = files().writeRequest(aRequest(), SATELLITE.keys().getPrivate(), SATELLITE.certificate());
        byte[] second = files().writeRequest(aRequest(), SATELLITE.keys().getPrivate(), SATELLITE.certificate());
        String marker = "--- # signature";
        assertThat(text(first).substring(0, text(first).lastIndexOf(marker)))
                .isEqualTo(text(second).substring(0, text(second).lastIndexOf(marker)));
    }
}
