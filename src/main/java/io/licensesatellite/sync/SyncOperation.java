package io.licensesatellite.sync;

/** What a history entry records: a request written (up), a response applied (down), or both online. */
public enum SyncOperation { REGISTRATION, REQUEST_EXPORTED, RESPONSE_IMPORTED, ONLINE_SYNC }
