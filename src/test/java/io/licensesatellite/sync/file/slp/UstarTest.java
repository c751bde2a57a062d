package io.licensesatellite.sync.file.slp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.licensesatellite.sync.file.slp.Ustar.ArchiveRefused;
import io.licensesatellite.sync.file.slp.Ustar.Entry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The bundles' tar.gz: what it writes reads back; hostile archives are refused with their reason. */
class UstarTest {
    private static final Ustar.Limits LIMITS = new Ustar.Limits(3, 1024, 2048);

    @Test
    void whatItWritesReadsBackExactly() throws Exception {
        byte[] content = "héllo ]]> \u0000 wörld".getBytes(StandardCharsets.UTF_8);
        List<Entry> entries = Ustar.gunzip(Ustar.gzip(List.of(new Entry("manifest.mf", content), new Entry("b.txt", new byte[0]))),
                LIMITS);

        assertThat(entries).extracting(Entry::name).containsExactly("manifest.mf", "b.txt");
        assertThat(entries.get(0).content()).isEqualTo(content);
        assertThat(entries.get(1).content()).isEmpty();
    }

    @Test
    void anArchiveReadsWithGnuTarToo() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("ustar");
        java.nio.file.Path archive = dir.resolve("a.tar.gz");
        java.nio.file.Files.write(archive, Ustar.gzip(List.of(new Entry("dev_1.txt", "x".getBytes(StandardCharsets.UTF_8)))));
        Process tar = new ProcessBuilder("tar", "-tzf", archive.toString()).redirectErrorStream(true).start();
        String listed = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor()).isZero();
        assertThat(listed.strip()).isEqualTo("dev_1.txt");
    }

    @Test
    void somethingThatIsNotGzipIsRefused() {
        assertThatThrownBy(() -> Ustar.gunzip("plain text".getBytes(StandardCharsets.UTF_8), LIMITS))
                .isInstanceOf(ArchiveRefused.class).hasMessageContaining("not a gzip file");
    }

    @Test
    void aPathThatClimbsOutIsRefused() throws Exception {
        byte[] tar = Ustar.tar(List.of(new Entry("xxxxxxxxxxxxxxxx", new byte[1])));
        byte[] name = "../../etc/passwd".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, tar, 0, name.length);
        fixChecksum(tar);

        assertThatThrownBy(() -> Ustar.gunzip(gzip(tar), LIMITS)).isInstanceOf(ArchiveRefused.class)
                .hasMessageContaining("'../../etc/passwd' is not a plain file name");
    }

    @Test
    void aLinkIsRefused() throws Exception {
        byte[] tar = Ustar.tar(List.of(new Entry("link", new byte[0])));
        tar[156] = '2';
        fixChecksum(tar);

        assertThatThrownBy(() -> Ustar.gunzip(gzip(tar), LIMITS)).isInstanceOf(ArchiveRefused.class)
                .hasMessageContaining("not a regular file");
    }

    @Test
    void tooManyEntriesAreRefused() {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            entries.add(new Entry("f" + i, new byte[1]));
        }
        assertThatThrownBy(() -> Ustar.gunzip(Ustar.gzip(entries), LIMITS)).isInstanceOf(ArchiveRefused.class)
                .hasMessageContaining("more than 3 entries");
    }

    @Test
    void anEntryLargerThanTheLimitIsRefusedBeforeItIsRead() {
        assertThatThrownBy(() -> Ustar.gunzip(Ustar.gzip(List.of(new Entry("big", new byte[1025]))), LIMITS))
                .isInstanceOf(ArchiveRefused.class).hasMessageContaining("'big' is 1025 bytes");
    }

    @Test
    void aTruncatedArchiveIsRefused() {
        byte[] whole = Ustar.tar(List.of(new Entry("a", new byte[600])));
        byte[] cut = java.util.Arrays.copyOf(whole, 700);

        assertThatThrownBy(() -> Ustar.gunzip(gzip(cut), LIMITS)).isInstanceOf(ArchiveRefused.class)
                .hasMessageContaining("truncated");
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    private static void fixChecksum(byte[] tar) {
        for (int i = 148; i < 156; i++) {
            tar[i] = ' ';
        }
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += tar[i] & 0xff;
        }
        byte[] text = String.format("%06o", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, tar, 148, 6);
        tar[154] = 0;
    }
}
