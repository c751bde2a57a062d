package io.licensesatellite.sync;

/**
 * What online sync needs from the upstream door: send one signed request file, get the raw response file
 * back. Implemented by {@code protocol.upstream}; the answer is read and checked like an uploaded file.
 */
public interface UpstreamChannel {

    byte[] exchange(UpstreamEndpoint endpoint, byte[] requestFile) throws UpstreamException;
}
