package io.licensesatellite.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.agent.AgentMessages.Entitlement;
import io.licensesatellite.agent.SmartAgentClient.Framing;
import io.licensesatellite.protocol.smartagent.DoorFixture;
import io.licensesatellite.protocol.smartagent.FakeDeviceRequests;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("'show license status' as a device prints it")
class ShowLicenseStatusTest {
    private final DoorFixture door = new DoorFixture();
    private final SmartAgent device = SmartAgent.loadOrCreate(null, "C9300-24T", "FOC2233X0AB",
            door.client(Framing.AML), door.clock);

    @Test
    void anUnregisteredDeviceShowsEvaluationModeAndItsRemainingDays() {
        door.clock.advance(Duration.ofDays(19).plusHours(3));

        String status = device.showLicenseStatus();

        assertThat(status).startsWith("Smart Licensing is ENABLED\n")
                .contains("  Status: UNREGISTERED\n")
                .contains("  Export-Controlled Functionality: NOT ALLOWED\n")
                .contains("  Status: EVALUATION MODE\n")
                .contains("  Evaluation Period Remaining: 70 days, 21 hours, 0 minutes, 0 seconds\n")
                .contains("  No licenses in use\n")
                .containsPattern("  UDI: PID:C9300-24T,SN:FOC2233X0AB,UUID:[0-9a-f]{32}\n");
    }

    @Test
    void aRegisteredAuthorisedDeviceShowsAccountsDatesAndUsage() {
        device.register(FakeDeviceRequests.TOKEN, false);
        device.authorize(List.of(new Entitlement("C9300 Network Advantage", 2),
                new Entitlement("regid.2016-07.com.cisco.UCM_Basic,12.0_ef827a2f-1234", 1)));

        String status = device.showLicenseStatus();

        assertThat(status)
                .contains("Registration:\n  Status: REGISTERED\n")
                .contains("  Smart Account: Example Smart Account\n")
                .contains("  Virtual Account: Default\n")
                .contains("  Export-Controlled Functionality: NOT ALLOWED\n")
                .contains("  Initial Registration: SUCCEEDED on Jan 15 10:00:00 2025 UTC\n")
                .contains("  Last Renewal Attempt: None\n")
                .contains("  Next Renewal Attempt: Jul 14 10:00:00 2025 UTC\n")
                .contains("  Registration Expires: Jan 15 10:00:00 2026 UTC\n")
                .contains("  Status: OUT OF COMPLIANCE on Jan 15 10:00:00 2025 UTC\n")
                .contains("  Last Communication Attempt: SUCCEEDED on Jan 15 10:00:00 2025 UTC\n")
                .contains("  Next Communication Attempt: Jan 15 10:15:00 2025 UTC\n")
                .contains("  Communication Deadline: Apr 15 10:00:00 2025 UTC\n")
                .containsPattern("C9300 Network Advantage +C9300 Network Advantage +2 AUTHORIZED\n")
                .containsPattern("UCM_Basic +regid\\.2016-07\\.com\\.cisco\\.UCM_Basic,12\\.0_ef827a2f-1234 +1 OUT OF COMPLIANCE\n");
    }

    @Test
    void aRegistrationInProgressShowsItsNextAttempt() {
        SmartAgent offline = SmartAgent.loadOrCreate(null, "C9300-24T", "FOC0000", new SmartAgentClient((t, b) -> {
            throw new java.io.IOException("Connection refused");
        }, Framing.AML, door.clock), door.clock);
        offline.register(FakeDeviceRequests.TOKEN, false);

        assertThat(offline.showLicenseStatus())
                .contains("  Status: REGISTERING - REGISTRATION IN PROGRESS\n")
                .contains("  Initial Registration: FAILED on Jan 15 10:00:00 2025 UTC\n")
                .contains("    Failure reason: cannot reach the satellite: Connection refused\n")
                .contains("  Next Registration Attempt: Jan 15 10:15:00 2025 UTC\n");
    }
}
