package io.licensesatellite.sync;

/** The satellite's version as sync files carry it: from the jar manifest, or "development" when run from classes. */
final class SoftwareVersion {
    private SoftwareVersion() {}

    static String current() {
        String version = SoftwareVersion.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
