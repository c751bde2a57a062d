package io.licensesatellite.sync.file;

import static io.licensesatellite.sync.file.SyncFileFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.licensesatellite.sync.file.SyncFileException.Reason;
import org.junit.jupiter.api.Test;

/** A valid file of another kind is refused as the wrong kind, saying what it is and what was expected. */
class WrongKindTest {

    @Test
    void aRequestReadAsAResponseIsTheWrongKind() {
        byte[] request = files().writeRequest(aRequest(), SATELLITE.keys().getPrivate(), SATELLITE.certificate());
        assertThatThrownBy(() -> files().readResponse(request, SATELLITE.trust()))
                .isInstanceOfSatisfying(SyncFileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_KIND))
                .hasMessage("This is a sync request file; a sync response file was expected");
    }

    @Test
    void aResponseReadAsAnAuthorizationIsTheWrongKind() {
        byte[] response = files().writeResponse(aResponse(), UPSTREAM.keys().getPrivate(), UPSTREAM.certificate());
        assertThatThrownBy(() -> files().readAuthorization(response, UPSTREAM.trust()))
                .isInstanceOfSatisfying(SyncFileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_KIND))
                .hasMessage("This is a sync response file; an authorization file was expected");
    }

    @Test
    void anAuthorizationReadAsARequestIsTheWrongKind() {
        byte[] authorization = files().writeAuthorization(anAuthorization(), SATELLITE.keys().getPrivate(), SATELLITE.certificate());
        assertThatThrownBy(() -> files().readRequest(authorization, SATELLITE.trust()))
                .isInstanceOfSatisfying(SyncFileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_KIND))
                .hasMessage("This is an authorization file; a sync request file was expected");
    }

    @Test
    void aRegistrationSelfSignedLikeAnyOtherIsStillReadOnlyAsARegistration() {
        byte[] request = files().writeRequest(aRequest(), SATELLITE.keys().getPrivate(), SATELLITE.certificate());
        assertThatThrownBy(() -> files().readRegistration(request))
                .isInstanceOfSatisfying(SyncFileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_KIND))
                .hasMessage("This is a sync request file; a registration file was expected");
    }
}
