package io.licensesatellite.sync.file;

/** Standard carries what changed since the last acknowledged request; full carries the whole state. */
public enum SyncType { STANDARD, FULL }
