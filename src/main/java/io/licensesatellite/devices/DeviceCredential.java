package io.licensesatellite.devices;

/** What the device door needs to check a registered device's signature: its key and identity. */
public record DeviceCredential(String productInstanceId, Udi udi, String idCertificateSerial, byte[] publicKeyDer) {}
