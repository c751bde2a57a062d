package io.licensesatellite;

import io.licensesatellite.platform.DataDirectory;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The satellite's entry point. Before Quarkus starts it makes sure the data directory and the admin door's TLS
 * certificate exist, because the HTTPS listener needs its certificate files the moment it opens.
 */
@QuarkusMain
public class SatelliteMain {
    public static void main(String... args) {
        DataDirectory.prepare();
        Quarkus.run(args);
    }
}
