package io.licensesatellite.usage.pull;

/** How the last pull of a device ended; each failure names what an operator must look at. */
public enum PullResult {
    OK,
    /** No connection: refused, no route, name not resolved. */
    UNREACHABLE,
    /** Connected (or trying to) but no complete answer within the timeouts. */
    TIMEOUT,
    /** The device answered 401 or 403: the username or password is wrong, or lacks privilege 15. */
    AUTH_FAILED,
    /** The TLS handshake failed, or the certificate is not the pinned one or not issued by the uploaded CA. */
    TLS_FAILED,
    /** The device answered, but not with what the smartlic REST API answers (status, size or JSON). */
    BAD_RESPONSE,
    /** Reports were fetched but the usage store refused at least one (identity or signature checks). */
    REFUSED_REPORTS;

    public boolean failed() {
        return this != OK;
    }
}
