package io.licensesatellite.accounts;

public enum LicenseType { PERPETUAL, TERM }
