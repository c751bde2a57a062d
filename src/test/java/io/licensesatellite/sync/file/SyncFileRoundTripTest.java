package io.licensesatellite.sync.file;

import static io.licensesatellite.sync.file.SyncFileFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.sync.file.SyncRequestFile.Event;
import io.licensesatellite.sync.file.SyncRequestFile.Instance;
import io.licensesatellite.sync.file.SyncRequestFile.LicenseInUse;
import io.licensesatellite.sync.file.SyncRequestFile.TagUsage;
import io.licensesatellite.sync.file.SyncRequestFile.VirtualAccountUsage;
import io.licensesatellite.sync.file.SyncResponseFile.Alert;
import io.licensesatellite.sync.file.SyncResponseFile.LicenseLine;
import io.licensesatellite.sync.file.SyncResponseFile.VirtualAccountLicenses;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever a valid file holds (any Unicode text, nulls, empty and long lists), writing then reading gives it back. */
class SyncFileRoundTripTest {
    private static final long FIRST_SECOND = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST_SECOND = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    private static final List<String> YAML_LOOKALIKES = List.of("", " ", "null", "~", "true", "False", "123", "-1", "0x1F",
            "012", "1.5", ".inf", "yes", "- item", "key: value", "# comment", "--- # signature", "---", "...", "&anchor",
            "*alias", "!!python/object:os.system", "!x", "{ a: 1 }", "[1, 2]", "'single'", "\"double\"", "| literal", "> folded",
            "2026-11-23T10:15:30Z", "2027-03-31", "@at", "`tick", "%TAG", "\\", "\\n", " leading", "trailing ", "a\tb");

    @Property(tries = 200)
    void registrationsSurviveWritingAndReading(@ForAll("registrations") RegistrationFile file) throws SyncFileException {
        byte[] raw = files().writeRegistration(file, SATELLITE.keys().getPrivate(), SATELLITE.certificate());
        assertThat(files().readRegistration(raw)).isEqualTo(file);
    }

    @Property(tries = 200)
    void authorizationsSurviveWritingAndReading(@ForAll("authorizations") AuthorizationFile file) throws SyncFileException {
        byte[] raw = files().writeAuthorization(file, UPSTREAM.keys().getPrivate(), UPSTREAM.certificate());
        assertThat(files().readAuthorization(raw, UPSTREAM.trust()).file()).isEqualTo(file);
    }

    @Property(tries = 200)
    void requestsSurviveWritingAndReading(@ForAll("requests") SyncRequestFile file) throws SyncFileException {
        byte[] raw = files().writeRequest(file, SATELLITE.keys().getPrivate(), SATELLITE.certificate());
        SyncFiles.Signed<SyncRequestFile> read = files().readRequest(raw, SATELLITE.trust());
        assertThat(read.file()).isEqualTo(file);
        assertThat(read.signer()).isEqualTo(SATELLITE.certificate());
        assertThat(read.digest()).isEqualTo(SignatureBlock.digest(raw)).hasSize(64);
    }

    @Property(tries = 200)
    void responsesSurviveWritingAndReading(@ForAll("responses") SyncResponseFile file) throws SyncFileException {
        byte[] raw = files().writeResponse(file, UPSTREAM.keys().getPrivate(), UPSTREAM.certificate());
        assertThat(files().readResponse(raw, UPSTREAM.trust()).file()).isEqualTo(file);
    }

    /** The escaping on its own, many more cases: a double-quoted value and a PEM-style value read back unchanged. */
    @Property(tries = 3000)
    void anyStringSurvivesQuotingAndLiteralBlocks(@ForAll("text") String value) throws SyncFileException {
        YamlWriter yaml = new YamlWriter();
        yaml.key(0, "quoted").string(value).newline();
        yaml.pem(0, "pem", value);
        yaml.key(0, "flow").openMap().entry("a").string(value).entry("b").string(value).closeMap().newline();
        byte[] bytes = yaml.toBytes();
        Object read = new BoundedYaml(LIMITS).read(bytes, bytes.length);
        assertThat(read).isEqualTo(Map.of("quoted", value, "pem", value, "flow", Map.of("a", value, "b", value)));
    }

    @Provide
    Arbitrary<String> text() {
        Arbitrary<String> emoji = Arbitraries.integers().between(0x1F300, 0x1FAFF).map(Character::toString);
        Arbitrary<String> tricky = Arbitraries.strings()
                .withChars("\"\\:#-'`!&*|>{}[],%@?~ \t\n\r\u0000\u0007\u001b\u007f\u0085\u00a0\u2028\u2029\ufeff\ufffe\uffff\ud800\udc00")
                .ofMaxLength(6);
        Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(8), tricky, emoji,
                Arbitraries.of(YAML_LOOKALIKES), Arbitraries.of(SATELLITE.certificatePem()), Arbitraries.strings().alpha().numeric());
        return piece.list().ofMaxSize(4).map(parts -> String.join("", parts));
    }

    Arbitrary<String> optionalText() {
        return text().injectNull(0.25);
    }

    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(FIRST_SECOND, LAST_SECOND).map(Instant::ofEpochSecond);
    }

    Arbitrary<String> uuids() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as((a, b) -> new UUID(a, b).toString());
    }

    Arbitrary<Integer> counts() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE).edgeCases(e -> e.includeOnly(0, Integer.MAX_VALUE));
    }

    @Provide
    Arbitrary<RegistrationFile> registrations() {
        return Combinators.combine(uuids(), text(), text(), instants())
                .as((id, name, version, created) -> new RegistrationFile(1, id, name, version, created, SATELLITE.csrPem(id)));
    }

    @Provide
    Arbitrary<AuthorizationFile> authorizations() {
        return Combinators.combine(uuids(), text(), instants(), text(), text().list().uniqueElements().ofMaxSize(5), text(), text(),
                optionalText()).as((id, upstream, created, account, vas, certificate, ca, url) ->
                        new AuthorizationFile(1, id, upstream, created, account, vas, certificate, ca, url));
    }

    @Provide
    Arbitrary<SyncRequestFile> requests() {
        Arbitrary<SyncRequestFile.Header> headers = Combinators.combine(uuids(), text(), Arbitraries.longs().between(2, Long.MAX_VALUE),
                Arbitraries.of(SyncType.class), instants(), Arbitraries.longs().between(1, 1).injectNull(0.3), text())
                .as((id, name, sequence, type, created, acknowledged, version) -> new SyncRequestFile.Header(1, id, name, sequence,
                        type, created, acknowledged == null ? null : sequence - 1, version));
        Arbitrary<VirtualAccountUsage> usage = Combinators.combine(text(), Combinators.combine(text(), counts(), counts(), counts())
                .as(TagUsage::new).list().uniqueElements(TagUsage::tag).ofMaxSize(4)).as(VirtualAccountUsage::new);
        Arbitrary<LicenseInUse> license = Combinators.combine(text(), counts(), Arbitraries.of(true, false)).as(LicenseInUse::new);
        Arbitrary<Instance> instance = Combinators.combine(
                Combinators.combine(text(), text(), text(), optionalText(), optionalText(), text(), text(), Arbitraries.of(true, false))
                        .as(Arrays::<Object>asList),
                Combinators.combine(text(), instants(), instants(), instants(), instants().injectNull(0.3),
                        license.list().uniqueElements(LicenseInUse::tag).ofMaxSize(3)).as(Arrays::<Object>asList))
                .as((a, b) -> new Instance((String) a.get(0), (String) a.get(1), (String) a.get(2), (String) a.get(3),
                        (String) a.get(4), (String) a.get(5), (String) a.get(6), (Boolean) a.get(7), (String) b.get(0),
                        (Instant) b.get(1), (Instant) b.get(2), (Instant) b.get(3), (Instant) b.get(4), cast(b.get(5))));
        Arbitrary<Event> event = Combinators.combine(Arbitraries.longs().between(1, Long.MAX_VALUE), instants(), text(), text(),
                optionalText(), text(), optionalText()).as(Event::new);
        return Combinators.combine(headers, text(), usage.list().uniqueElements(VirtualAccountUsage::virtualAccount).ofMaxSize(3),
                instance.list().uniqueElements(Instance::id).ofMaxSize(4), text().list().uniqueElements().ofMaxSize(4),
                event.list().uniqueElements(Event::id).ofMaxSize(5), optionalText())
                .as((header, account, usages, instances, removed, events, renewal) -> new SyncRequestFile(header,
                        new SyncRequestFile.Payload(account, usages, instances,
                                header.type() == SyncType.FULL ? List.of() : removed, events, renewal)));
    }

    @Provide
    Arbitrary<SyncResponseFile> responses() {
        Arbitrary<String> digests = Arbitraries.strings().withChars("0123456789abcdef").ofLength(64);
        Arbitrary<SyncResponseFile.Header> headers = Combinators.combine(uuids(), text(), Arbitraries.longs().between(1, Long.MAX_VALUE),
                digests, Arbitraries.of(SyncType.class), instants(), text())
                .as((id, upstream, sequence, digest, type, created, account) ->
                        new SyncResponseFile.Header(1, id, upstream, sequence, digest, type, created, account));
        Arbitrary<LocalDate> dates = Arbitraries.integers().between(0, 9999)
                .flatMap(year -> Arbitraries.integers().between(1, LocalDate.of(year, 1, 1).lengthOfYear())
                        .map(day -> LocalDate.ofYearDay(year, day)));
        Arbitrary<LicenseLine> line = Combinators.combine(text(), text(), counts(), dates.injectNull(0.4), optionalText())
                .as((tag, display, quantity, end, higher) ->
                        new LicenseLine(tag, display, quantity, end == null ? "PERPETUAL" : "TERM", end, higher));
        Arbitrary<VirtualAccountLicenses> va = Combinators.combine(text(), optionalText(),
                line.list().uniqueElements(LicenseLine::tag).ofMaxSize(4)).as(VirtualAccountLicenses::new);
        Arbitrary<Alert> alert = Combinators.combine(Arbitraries.of("INFO", "WARNING", "CRITICAL"), text(), text()).as(Alert::new);
        return Combinators.combine(headers, Arbitraries.of(true, false),
                va.list().uniqueElements(VirtualAccountLicenses::name).ofMaxSize(3), alert.list().ofMaxSize(3), optionalText())
                .as((header, complete, vas, alerts, renewed) ->
                        new SyncResponseFile(header, new SyncResponseFile.Licenses(complete, vas), alerts, renewed));
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
