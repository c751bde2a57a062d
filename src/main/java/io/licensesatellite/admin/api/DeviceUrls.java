package io.licensesatellite.admin.api;

/** The device door's URLs as a device is configured with them. */
public record DeviceUrls(String callHome, String smartTransport, String cslu) {}
