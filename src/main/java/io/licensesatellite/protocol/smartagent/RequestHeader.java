package io.licensesatellite.protocol.smartagent;

import io.licensesatellite.devices.Udi;

/**
 * The parts of the {@code request.header} object the door acts on (protocol-facts A3 for the field names).
 *
 * @param timestamp the device clock, epoch milliseconds
 * @param productInstanceId absent on REGISTER
 * @param idCertSerial decimal; absent on REGISTER
 * @param signingCertSerial the satellite signer the device holds, decimal; absent on REGISTER
 */
public record RequestHeader(String version, RequestType requestType, String nonce, long timestamp, Udi udi,
                            String productInstanceId, String idCertSerial, String signingCertSerial) {}
