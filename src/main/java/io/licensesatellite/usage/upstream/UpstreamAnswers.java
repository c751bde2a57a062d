package io.licensesatellite.usage.upstream;

import io.licensesatellite.platform.ErrorKind;
import io.licensesatellite.platform.SatelliteException;
import io.licensesatellite.sync.SyncRepository;
import io.licensesatellite.sync.UpstreamBinding;
import io.licensesatellite.sync.file.slp.SlpDocuments;
import io.licensesatellite.sync.file.slp.SmartLicenseDocument.DocumentRefused;
import io.licensesatellite.sync.file.slp.Sudi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

/**
 * Acknowledgements and authorisation codes coming down (poll answers, bundles, sync responses): each checked against
 * the upstream CA the satellite is bound to, then stored byte-exact through the usage store. Joins the caller's
 * transaction, so one refusal leaves nothing of a bundle or response behind.
 */
@ApplicationScoped
public class UpstreamAnswers {
    private final UsageUpstreamStore store;
    private final SyncRepository sync;
    private final Clock clock;

    public UpstreamAnswers(UsageUpstreamStore store, SyncRepository sync, Clock clock) {
        this.store = store;
        this.sync = sync;
        this.clock = clock;
    }

    /** @return the device and the number of reports acknowledged */
    public record AckRecorded(Sudi sudi, int reports) {}

    @Transactional(Transactional.TxType.MANDATORY)
    public AckRecorded acknowledgement(byte[] document, String from) {
        SlpDocuments.VerifiedAck ack;
        try {
            ack = SlpDocuments.verifyAcknowledgement(document, upstreamCa(), clock.instant());
        } catch (DocumentRefused e) {
            throw new SatelliteException(ErrorKind.USAGE_ACK_NOT_TRUSTED, "An acknowledgement from " + from
                    + " is refused: " + e.getMessage());
        }
        Sudi sudi = ack.data().sudi();
        List<Long> unknown;
        try {
            unknown = store.recordAcknowledgement(sudi, document, ack.data().acknowledgedReportIds(),
                    ack.policyJson() == null ? null : ack.policyJson().getBytes(StandardCharsets.UTF_8), from);
        } catch (SatelliteException e) {
            if (e.kind() == ErrorKind.NOT_FOUND) {
                throw new SatelliteException(ErrorKind.USAGE_ACK_UNKNOWN_REPORT, "An acknowledgement from " + from
                        + " is for device " + sudi.udi() + ", which never reported usage here");
            }
            throw e;
        }
        if (!unknown.isEmpty()) {
            throw new SatelliteException(ErrorKind.USAGE_ACK_UNKNOWN_REPORT, "An acknowledgement from " + from
                    + " names report(s) " + unknown + " of device " + sudi.udi() + ", which this satellite never sent");
        }
        return new AckRecorded(sudi, ack.data().acknowledgedReportIds().size());
    }

    /** A signed code for one of our requests ({@code request_id} is our request's id). */
    @Transactional(Transactional.TxType.MANDATORY)
    public long authorization(byte[] document, String from, Long expectedRequestId) {
        SlpDocuments.VerifiedAuthorization code;
        try {
            code = SlpDocuments.verifyAuthorization(document, upstreamCa(), clock.instant());
        } catch (DocumentRefused e) {
            throw new SatelliteException(ErrorKind.USAGE_ACK_NOT_TRUSTED, "An authorisation code from " + from
                    + " is refused: " + e.getMessage());
        }
        long requestId;
        try {
            requestId = Long.parseLong(code.data().requestId());
        } catch (NumberFormatException | NullPointerException e) {
            throw new SatelliteException(ErrorKind.USAGE_ACK_UNKNOWN_REPORT, "An authorisation code from " + from
                    + " answers request '" + code.data().requestId() + "', which this satellite never sent");
        }
        if (expectedRequestId != null && expectedRequestId != requestId) {
            throw new SatelliteException(ErrorKind.USAGE_ACK_UNKNOWN_REPORT, "An authorisation code from " + from
                    + " answers request " + requestId + " where request " + expectedRequestId + " was expected");
        }
        try {
            store.recordAuthorizationCode(requestId, document);
        } catch (SatelliteException e) {
            if (e.kind() == ErrorKind.NOT_FOUND) {
                throw new SatelliteException(ErrorKind.USAGE_ACK_UNKNOWN_REPORT, "An authorisation code from " + from
                        + " answers request " + requestId + ", which this satellite never sent");
            }
            throw e;
        }
        return requestId;
    }

    X509Certificate upstreamCa() {
        UpstreamBinding binding = sync.binding().orElseThrow(() -> new SatelliteException(ErrorKind.SATELLITE_NOT_REGISTERED,
                "The satellite is not bound to an upstream: import the authorization file first"));
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(binding.upstreamCaPem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw new IllegalStateException("The stored upstream CA cannot be read", e);
        }
    }
}
