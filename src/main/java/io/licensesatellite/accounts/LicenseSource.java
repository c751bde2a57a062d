package io.licensesatellite.accounts;

/** Where a pool's quantity comes from: typed in by an operator, or synchronised from the upstream. */
public enum LicenseSource { LOCAL, UPSTREAM }
