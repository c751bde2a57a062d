package io.licensesatellite.usage.upstream;

import io.licensesatellite.sync.UpstreamEndpoint;
import io.licensesatellite.sync.UpstreamException;
import java.util.Map;

/**
 * What the usage sender needs from the upstream door: one HTTPS POST to {@code endpoint.syncUrl()} (mutual TLS,
 * the upstream CA only, the sync proxy) and the answer, whatever its status. Implemented by {@code protocol.upstream}.
 */
public interface UsageUpstreamChannel {

    record Answer(int status, byte[] body) {}

    /** @throws UpstreamException when no answer came (network, TLS, timeout: retryable) or it was too large */
    Answer post(UpstreamEndpoint endpoint, Map<String, String> headers, String contentType, byte[] body) throws UpstreamException;
}
