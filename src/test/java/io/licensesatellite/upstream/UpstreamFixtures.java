package io.licensesatellite.upstream;

import io.licensesatellite.upstream.Accounts.LicenseLine;
import io.licensesatellite.upstream.Accounts.SmartAccount;
import io.licensesatellite.upstream.Accounts.VirtualAccount;
import io.licensesatellite.platform.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Object mothers: an initialised emulator holding the ACME Corp accounts, and a test clock. */
final class UpstreamFixtures {
    static final Instant START = Instant.parse("2026-11-23T10:15:30Z");
    static final String SMART_ACCOUNT = "ACME Corp";
    static final String NETWORK_ADVANTAGE = "regid.2017-07.com.cisco.C9300_NW_A,1.0_d1e0d3a4";
    static final String DNA_ADVANTAGE = "regid.2017-07.com.cisco.C9300_DNA_A,1.0_6f7ebf8e";
    static final String NEXUS_ESSENTIALS = "regid.2018-02.com.cisco.N9K_ESS,1.0_2bd8e9a2";

    private UpstreamFixtures() {}

    static MutableClock clock() {
        return new MutableClock(START);
    }

    /** Initialised, with {@link #acme()} as accounts.yml. */
    static UpstreamEmulator anEmulator(Path stateDir, java.time.Clock clock) {
        UpstreamEmulator emulator = new UpstreamEmulator(stateDir, clock);
        emulator.init();
        emulator.saveAccounts(acme());
        return emulator;
    }

    /** ACME Corp: Campus (perpetual + a term line ending 2028), Data Centre (perpetual), Lab (empty). */
    static Accounts acme() {
        return new Accounts(List.of(new SmartAccount(SMART_ACCOUNT, List.of(
                new VirtualAccount("Campus", "Access switches", List.of(
                        LicenseLine.perpetual(NETWORK_ADVANTAGE, "C9300 Network Advantage", 10),
                        LicenseLine.term(DNA_ADVANTAGE, "C9300 DNA Advantage", 10, LocalDate.parse("2028-03-31")))),
                new VirtualAccount("Data Centre", null, List.of(
                        LicenseLine.perpetual(NEXUS_ESSENTIALS, "Nexus 9000 Essentials", 4))),
                new VirtualAccount("Lab", null, List.of())))));
    }
}
