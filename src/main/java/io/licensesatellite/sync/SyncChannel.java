package io.licensesatellite.sync;

/** How a file travelled: carried by an operator, or sent by the satellite itself. */
public enum SyncChannel { FILE, ONLINE }
