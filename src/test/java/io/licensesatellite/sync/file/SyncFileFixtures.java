package io.licensesatellite.sync.file;

import io.licensesatellite.sync.file.SyncRequestFile.Event;
import io.licensesatellite.sync.file.SyncRequestFile.Instance;
import io.licensesatellite.sync.file.SyncRequestFile.LicenseInUse;
import io.licensesatellite.sync.file.SyncRequestFile.TagUsage;
import io.licensesatellite.sync.file.SyncRequestFile.VirtualAccountUsage;
import io.licensesatellite.sync.file.SyncResponseFile.Alert;
import io.licensesatellite.sync.file.SyncResponseFile.LicenseLine;
import io.licensesatellite.sync.file.SyncResponseFile.VirtualAccountLicenses;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Object mother of the sync file tests: signers made once per JVM, and one realistic file of each kind. */
final class SyncFileFixtures {
    static final String SATELLITE_ID = "6f1c2d7e-0b5a-4c3e-9f7d-2a1b3c4d5e6f";
    static final Instant CREATED = Instant.parse("2026-11-23T10:15:30Z");
    static final TestSigner SATELLITE = TestSigner.selfSigned(SATELLITE_ID);
    static final TestSigner UPSTREAM = TestSigner.selfSigned("upstream-emulator signer");
    static final TestSigner STRANGER = TestSigner.selfSigned("someone else");
    static final SyncFileLimits LIMITS = SyncFileLimits.defaults();
    static final String DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private SyncFileFixtures() {}

    static SyncFiles files() { return new SyncFiles(LIMITS); }

    static RegistrationFile aRegistration() {
        return new RegistrationFile(1, SATELLITE_ID, "lab-satellite", "0.1.0", CREATED, SATELLITE.csrPem(SATELLITE_ID));
    }

    static AuthorizationFile anAuthorization() {
        return new AuthorizationFile(1, SATELLITE_ID, "upstream-emulator", CREATED, "ACME Corp", List.of("Campus", "Data Centre"),
                SATELLITE.certificatePem(), UPSTREAM.certificatePem(), "https://upstream.example:443/sync/v1/exchange");
    }

    static SyncRequestFile aRequest() {
        return aRequestWith(List.of(anInstance("i-1"), anInstance("i-2")), List.of(anEvent(981), anEvent(982)));
    }

    static SyncRequestFile aRequestWith(List<Instance> instances, List<Event> events) {
        return new SyncRequestFile(
                new SyncRequestFile.Header(1, SATELLITE_ID, "lab-satellite", 12, SyncType.STANDARD, CREATED, 11L, "0.1.0"),
                new SyncRequestFile.Payload("ACME Corp",
                        List.of(new VirtualAccountUsage("Campus", List.of(new TagUsage("regid.2017-03.com.cisco.DNA_A", 10, 12, 2)))),
                        instances, List.of("i-0"), events, null));
    }

    static Instance anInstance(String id) {
        return new Instance(id, "C9300-24T", "FOC1234X0AB", null, "sw-1", "Campus", "AUTHORIZED", false, "1234",
                CREATED.plusSeconds(365L * 86400), CREATED.minusSeconds(86400), CREATED, CREATED.plusSeconds(90L * 86400),
                List.of(new LicenseInUse("regid.2017-03.com.cisco.DNA_A", 1, true)));
    }

    static Event anEvent(long id) {
        return new Event(id, CREATED, "i-1", "PID:C9300-24T,SN:FOC1234X0AB", "Campus", "REGISTERED", null);
    }

    static SyncResponseFile aResponse() {
        return new SyncResponseFile(
                new SyncResponseFile.Header(1, SATELLITE_ID, "upstream-emulator", 12, DIGEST, SyncType.STANDARD, CREATED, "ACME Corp"),
                new SyncResponseFile.Licenses(true, List.of(new VirtualAccountLicenses("Campus", null, List.of(
                        new LicenseLine("regid.2017-03.com.cisco.DNA_A", "C9300 DNA Advantage", 10, "TERM", LocalDate.parse("2027-03-31"), null),
                        new LicenseLine("regid.2017-03.com.cisco.NW_A", "C9300 Network Advantage", 10, "PERPETUAL", null, null))))),
                List.of(new Alert("WARNING", "LICENSES_EXPIRING", "10 licences expire on 2027-03-31")), null);
    }

    /** A request of the size the writer must handle quickly: 1-3 licences per instance, three events per instance. */
    static SyncRequestFile aLargeRequest(int instances) {
        List<Instance> list = new ArrayList<>(instances);
        List<Event> events = new ArrayList<>(instances * 3);
        for (int i = 0; i < instances; i++) {
            List<LicenseInUse> licenses = new ArrayList<>();
            for (int l = 0; l <= i % 3; l++) {
                licenses.add(new LicenseInUse("regid.2017-03.com.cisco.TAG_" + l, 1 + l, l != 2));
            }
            Instant at = CREATED.minusSeconds(i);
            list.add(new Instance("c0ffee00-0000-4000-8000-" + String.format("%012d", i), "C9300-24T", "FOC" + i, null,
                    "switch-" + i + ".campus.example", "Campus", "AUTHORIZED", i % 10 == 0, Integer.toHexString(i + 4096),
                    at.plusSeconds(365L * 86400), at, at, at.plusSeconds(90L * 86400), licenses));
            for (int e = 0; e < 3; e++) {
                events.add(new Event(3L * i + e + 1, at, list.get(i).id(), "PID:C9300-24T,SN:FOC" + i, "Campus",
                        e == 0 ? "REGISTERED" : "AUTHORIZED", e == 2 ? "renewed \"early\"" : null));
            }
        }
        return new SyncRequestFile(
                new SyncRequestFile.Header(1, SATELLITE_ID, "lab-satellite", 2, SyncType.FULL, CREATED, 1L, "0.1.0"),
                new SyncRequestFile.Payload("ACME Corp", List.of(), list, List.of(), events, null));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
