package io.licensesatellite.tokens;

/** Why a token cannot register another device. */
public enum TokenRefusal { UNKNOWN, REVOKED, EXPIRED, USED_UP }
