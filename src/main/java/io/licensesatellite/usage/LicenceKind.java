package io.licensesatellite.usage;

/** The licence kinds a reporting policy gives terms for (protocol-facts B4). */
public enum LicenceKind {
    UNENFORCED_PERPETUAL,
    UNENFORCED_SUBSCRIPTION,
    ENFORCED_PERPETUAL,
    ENFORCED_SUBSCRIPTION,
    EXPORT_PERPETUAL,
    EXPORT_SUBSCRIPTION
}
