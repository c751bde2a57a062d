package io.licensesatellite.platform;

/**
 * One open alert an operator must see.
 *
 * @param severity WARNING or CRITICAL
 * @param code stable, for scripts: SYNC_OVERDUE, PULL_DEVICE_FAILING, USAGE_ACK_OVERDUE, ...
 * @param source SATELLITE (computed here) or UPSTREAM (sent with the last sync response)
 */
public record Alert(String severity, String code, String message, String source) {}
