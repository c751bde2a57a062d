package io.licensesatellite.pki;

import java.time.Instant;

/** A certificate the satellite issued: its serial as a decimal string (as devices print it), PEM and validity. */
public record IssuedCertificate(String serial, String pem, Instant notBefore, Instant notAfter) {}
