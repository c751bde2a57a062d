package io.licensesatellite.sync;

public enum SyncResult { SUCCEEDED, FAILED }
