package io.licensesatellite.admin;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.licensesatellite.platform.ErrorKind;
import io.licensesatellite.platform.SatelliteException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {
    @ParameterizedTest
    @ValueSource(strings = {"Password123!", "Satellite2026!", "P@ssw0rd2026!!", "L1c3ns3-2026!", "Welcome1Welcome1",
        "!!Administrator99", "qwertyuiop123", "1q2w3e4r!!!!!", "123456789012", "abcdefghijkl", "Cisco123Cisco123x",
        "Summer2026!!!", "iloveyou2026!", "5ecret-5ecret", "Monkey!Monkey!1"})
    void commonPasswordsAndTheirDisguisesAreRefused(String candidate) {
        assertThatThrownBy(() -> PasswordPolicy.check("ops", candidate, null))
                .isInstanceOfSatisfying(SatelliteException.class, e -> org.assertj.core.api.Assertions.assertThat(e.kind())
                        .isEqualTo(ErrorKind.PASSWORD_TOO_WEAK));
    }

    @ParameterizedTest
    @ValueSource(strings = {"correct horse battery staple", "violet-gravel-otter-9", "Tq-8b1e2c-strong-Zx", "zebra coffee 47 lamp"})
    void longUnpredictablePasswordsAreAccepted(String candidate) {
        assertThatCode(() -> PasswordPolicy.check("ops", candidate, null)).doesNotThrowAnyException();
    }
}
