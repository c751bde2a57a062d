package io.licensesatellite.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.licensesatellite.platform.MutableClock;
import io.licensesatellite.sync.file.SyncRequestFile.Payload;
import io.licensesatellite.sync.file.SyncType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.AbstractThrowableAssert;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests the emulator refuses, each with the reason a satellite operator can act on; none changes the state. */
class RequestRefusalTest {
    @TempDir
    Path state;
    final MutableClock clock = UpstreamFixtures.clock();

    @Test
    void aRequestSignedByACertificateFromAnotherCaIsRefused() {
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite satellite = PlayedSatellite.registered(emulator, clock, "Campus");
        KeyPair otherCa = PlayedSatellite.newKeyPair();
        X509Certificate foreign = PlayedSatellite.issued(new X500Name("CN=" + satellite.id), satellite.keys(),
                new X500Name("CN=Some Other CA"), otherCa.getPrivate(), clock.instant());
        byte[] request = PlayedSatellite.signedBy(satellite.header(satellite.id, 1, SyncType.STANDARD, null),
                satellite.payload(), satellite.keys().getPrivate(), foreign);

        refused(emulator, request, EmulatorError.CERTIFICATE_NOT_ISSUED_HERE)
                .hasMessageContaining("issued by 'CN=Some Other CA', not by this upstream's CA");
        assertThat(emulator.satellite(satellite.id).orElseThrow().report()).isNull();
    }

    @Test
    void aRequestFromASatelliteNeverRegisteredHereIsRefused() throws Exception {
        Path otherState = state.resolve("other");
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state.resolve("this"), clock);
        UpstreamEmulator other = UpstreamFixtures.anEmulator(otherState, clock);
        PlayedSatellite stranger = PlayedSatellite.registered(other, clock, "Campus");

        refused(emulator, stranger.standard(1, null), EmulatorError.CERTIFICATE_NOT_ISSUED_HERE);
    }

    @Test
    void aCertificateOfTheCaForAnIdThatIsNotRegisteredIsRefusedAsAnUnknownSatellite() {
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite registered = PlayedSatellite.registered(emulator, clock, "Campus");
        // The same CA, but the satellite record is gone: as if it had never registered.
        Path record = state.resolve("satellites").resolve(registered.id + ".json");
        byte[] request = registered.standard(1, null);
        assertThat(record.toFile().delete()).isTrue();

        refused(emulator, request, EmulatorError.UNKNOWN_SATELLITE)
                .hasMessage("no satellite with id '" + registered.id + "' is registered at this upstream");
    }

    @Test
    void aChangedRequestIsRefused() {
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite satellite = PlayedSatellite.registered(emulator, clock, "Campus");
        String signed = new String(satellite.standard(1, null), StandardCharsets.UTF_8);
        assertThat(signed).contains("FOC0001");
        byte[] changed = signed.replace("FOC0001", "FOC0002").getBytes(StandardCharsets.UTF_8);

        refused(emulator, changed, EmulatorError.SIGNATURE_MISMATCH);
    }

    @Test
    void aRequestNamingAnotherSatelliteThanItsCertificateIsRefused() {
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite satellite = PlayedSatellite.registered(emulator, clock, "Campus");
        String otherId = UUID.randomUUID().toString();
        byte[] request = PlayedSatellite.signedBy(satellite.header(otherId, 1, SyncType.STANDARD, null), satellite.payload(),
                satellite.keys().getPrivate(), satellite.certificate());

        refused(emulator, request, EmulatorError.SATELLITE_MISMATCH)
                .hasMessage("the request names satellite " + otherId + " but is signed with the certificate of satellite "
                        + satellite.id);
    }

    @Test
    void aRequestSignedAfterItsCertificateExpiredIsRefused() {
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite satellite = PlayedSatellite.registered(emulator, clock, "Campus");
        clock.advance(Duration.ofDays(366));

        refused(emulator, satellite.standard(1, null), EmulatorError.CERTIFICATE_NOT_VALID)
                .hasMessageContaining("expired on");
    }

    @Test
    void aRequestForAnotherSmartAccountIsRefused() {
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite satellite = PlayedSatellite.registered(emulator, clock, "Campus");
        Payload payload = satellite.payload();
        Payload otherAccount = new Payload("Globex", payload.usage(), payload.productInstances(), payload.removedInstances(),
                payload.events(), null);

        refused(emulator, satellite.request(1, SyncType.STANDARD, null, otherAccount), EmulatorError.REQUEST_REFUSED)
                .hasMessageContaining("Smart Account 'Globex'");
    }

    @Test
    void aFileThatIsNotARequestIsRefusedForTheFirstCheckItFails() {
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite satellite = PlayedSatellite.named("lab-satellite", clock);

        PlayedSatellite registered = PlayedSatellite.registered(emulator, clock, "Campus");
        byte[] response = emulator.answer(registered.full(1, null)).responseFile();

        refused(emulator, response, EmulatorError.MALFORMED).hasMessageContaining("not a sync request");
        refused(emulator, satellite.registrationFile(), EmulatorError.CERTIFICATE_NOT_ISSUED_HERE);
        refused(emulator, "format: 1\nkind: sync-request\n".getBytes(StandardCharsets.UTF_8), EmulatorError.MALFORMED)
                .hasMessageStartingWith("sync request refused (not signed)");
    }

    @Test
    void anAssignedVirtualAccountRemovedFromAccountsYmlStopsAnswersWithAClearReason() {
        UpstreamEmulator emulator = UpstreamFixtures.anEmulator(state, clock);
        PlayedSatellite satellite = PlayedSatellite.registered(emulator, clock, "Campus", "Lab");
        Accounts acme = UpstreamFixtures.acme();
        emulator.saveAccounts(new Accounts(List.of(new Accounts.SmartAccount("ACME Corp",
                acme.smartAccounts().get(0).virtualAccounts().subList(0, 2)))));

        refused(emulator, satellite.standard(1, null), EmulatorError.ACCOUNTS_INVALID)
                .hasMessageContaining("accounts.yml no longer has Virtual Account 'Lab' of Smart Account 'ACME Corp'");
    }

    private AbstractThrowableAssert<?, ? extends Throwable> refused(UpstreamEmulator emulator, byte[] request, EmulatorError kind) {
        return assertThatThrownBy(() -> emulator.answer(request))
                .isInstanceOfSatisfying(EmulatorException.class, e -> assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind));
    }
}
