package io.licensesatellite.sync.file;

import static io.licensesatellite.sync.file.HostileFiles.*;
import static io.licensesatellite.sync.file.SyncFileFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.licensesatellite.sync.file.SyncFileException.Reason;
import org.junit.jupiter.api.Test;

/**
 * YAML that a correctly signed file could still carry (a compromised or buggy signer) is refused as unparseable with
 * the line and the reason, and never expanded, followed or turned into objects.
 */
class HostileYamlTest {
    private static final String HEAD = "format: 1\nkind: sync-request\n";

    @Test
    void aBillionLaughsIsRefusedAtItsFirstAnchor() {
        StringBuilder yaml = new StringBuilder(HEAD + "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            yaml.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ",").append('*').append((char) (c - 1));
            }
            yaml.append("]\n");
        }
        assertUnparseable(yaml.toString(), "at line 3, column 4: anchors and aliases are not allowed (found anchor &a)");
    }

    @Test
    void aSingleAliasIsRefused() {
        assertUnparseable(HEAD + "header: *h\n", "at line 3, column 9: anchors and aliases are not allowed (found alias *h)");
    }

    @Test
    void deepNestingIsRefusedAtTheLimit() {
        assertUnparseable(HEAD + "header: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n",
                "collections are nested deeper than 16 levels");
    }

    @Test
    void deepNestingWithoutClosingBracketsIsRefusedAsWell() {
        assertUnparseable(HEAD + "header: " + "[".repeat(10_000) + "\n", "collections are nested deeper than 16 levels");
    }

    @Test
    void aDuplicateKeyIsRefused() {
        assertUnparseable(HEAD + "kind: sync-response\n", "at line 3, column 1: duplicate key 'kind'");
    }

    @Test
    void aGlobalTagIsRefused() {
        assertUnparseable(HEAD + "header: !!python/object:os.system [\"rm -rf /\"]\n",
                "at line 3, column 9: tags are not allowed (found tag:yaml.org,2002:python/object:os.system)");
    }

    @Test
    void aLocalTagIsRefused() {
        assertUnparseable(HEAD + "header: !x 1\n", "at line 3, column 9: tags are not allowed (found !x)");
    }

    @Test
    void evenAStandardStringTagIsRefused() {
        assertUnparseable(HEAD + "header: !!str 1\n", "tags are not allowed (found tag:yaml.org,2002:str)");
    }

    @Test
    void aSecondDocumentInTheSignedPartIsRefused() {
        assertUnparseable(HEAD + "---\nformat: 1\n", "at line 3, column 1: the signed part holds more than one YAML document");
    }

    @Test
    void brokenYamlIsRefusedWithItsPosition() {
        assertUnparseable(HEAD + "header: \"unterminated\n", "at line 4, column 1: found unexpected end of stream");
    }

    @Test
    void aControlCharacterInTheTextIsRefused() {
        assertUnparseable(HEAD + "header: a\u0000b\n", "character U+0000 at position 38 is not allowed in YAML text");
    }

    @Test
    void textThatIsNotUtf8IsRefused() {
        byte[] latin1 = (HEAD + "header: caf\u00e9\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> files().readRequest(SATELLITE.sign(latin1), SATELLITE.trust()))
                .isInstanceOfSatisfying(SyncFileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNPARSEABLE))
                .hasMessage("The signed part is not UTF-8 text: invalid byte sequence at byte 40");
    }

    @Test
    void aCollectionOverTheItemLimitIsRefused() {
        SyncFiles tight = new SyncFiles(new SyncFileLimits(1 << 20, 16, 3));
        byte[] raw = signedBySatellite(HEAD + "header: [1, 2, 3, 4]\n");
        assertThatThrownBy(() -> tight.readRequest(raw, SATELLITE.trust()))
                .isInstanceOfSatisfying(SyncFileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNPARSEABLE))
                .hasMessageContaining("a list has more than 3 items");
    }

    @Test
    void anEmptySignedPartIsRefused() {
        assertUnparseable("# only a comment\n", "the signed part holds no YAML document");
    }

    @Test
    void unquotedTimestampsStayStringsAndAreCheckedAsInstants() throws SyncFileException {
        byte[] raw = aRequestWithLine("  created_at: \"2026-11-23T10:15:30Z\"", "  created_at: 2026-11-23T10:15:30Z");
        assertThat(files().readRequest(raw, SATELLITE.trust()).file().header().createdAt()).isEqualTo(CREATED);
        byte[] offset = aRequestWithLine("  created_at: \"2026-11-23T10:15:30Z\"", "  created_at: 2026-11-23 10:15:30+01:00");
        assertThatThrownBy(() -> files().readRequest(offset, SATELLITE.trust()))
                .isInstanceOfSatisfying(SyncFileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID))
                .hasMessageContaining("header.created_at: expected a UTC instant in whole seconds");
    }

    private static void assertUnparseable(String yaml, String detail) {
        assertThatThrownBy(() -> files().readRequest(signedBySatellite(yaml), SATELLITE.trust()))
                .isInstanceOfSatisfying(SyncFileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNPARSEABLE))
                .hasMessageStartingWith("The signed part is not acceptable YAML")
                .hasMessageContaining(detail)
                .hasMessageNotContaining("Exception")
                .hasMessageNotContaining("snakeyaml");
    }
}
