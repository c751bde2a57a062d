package io.licensesatellite.platform.api;

/**
 * What an admin API call needs. Every {@code /api/v1} resource method declares one with {@link Requires}; roles
 * and API-client scopes are sets of these, so the role x endpoint matrix is data, not scattered checks.
 */
public enum Permission {
    /** Read accounts, licences, tokens (never their secrets), instances, usage, sync status, alerts, events. */
    READ,
    /** Create and change Virtual Accounts and their local licence pools, name the Smart Account. */
    ACCOUNTS_WRITE,
    /** Create and revoke registration tokens. */
    TOKENS_WRITE,
    /** Remove or deregister product instances; manage the devices the satellite pulls usage from. */
    INSTANCES_WRITE,
    /** Run synchronisation: download requests, upload responses, run online sync; upload and download usage files. */
    SYNC_RUN,
    /** Registration with the upstream, sync schedule and proxy, device-door and other satellite settings. */
    SETTINGS_WRITE,
    /** Users, roles, sessions and API clients. */
    USERS_WRITE,
    /** Read and export the audit log. */
    AUDIT_READ,
    /** Calls any authenticated principal may make about itself (its own session, its own password). */
    SELF
}
