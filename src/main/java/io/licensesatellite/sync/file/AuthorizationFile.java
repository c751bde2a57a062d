package io.licensesatellite.sync.file;

import java.time.Instant;
import java.util.List;

/**
 * Upstream to satellite, once: the binding. Signed by the upstream's signer, whose certificate chains to
 * {@code upstreamCaPem}.
 *
 * @param satelliteCertificatePem the satellite's identity certificate issued by the upstream for the key
 *                                of the registration file (client certificate for online sync)
 * @param upstreamCaPem           the root the satellite trusts from now on, for files and for TLS
 * @param syncUrl                 where online sync goes, if the upstream offers it (may be null)
 */
public record AuthorizationFile(
        int format, String satelliteId, String upstreamName, Instant createdAt, String smartAccount,
        List<String> virtualAccounts, String satelliteCertificatePem, String upstreamCaPem, String syncUrl) {
}
