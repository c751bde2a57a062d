package io.licensesatellite.protocol.smartagent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.licensesatellite.devices.DeviceOutcome;
import io.licensesatellite.devices.DeviceOutcome.Authorized;
import io.licensesatellite.devices.DeviceOutcome.Deregistered;
import io.licensesatellite.devices.DeviceOutcome.EntitlementGrant;
import io.licensesatellite.devices.DeviceOutcome.IdCertificateRenewed;
import io.licensesatellite.devices.DeviceOutcome.Registered;
import io.licensesatellite.devices.DeviceOutcome.Rejected;
import io.licensesatellite.pki.SatelliteKeys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

/**
 * The door's one mapper from an outcome to the signed reply JSON. On failure the header carries the
 * reason's status word and its exact message, as devices log them.
 */
final class DeviceReplies {
    static final String VERSION = "1.1";
    static final String SUCCESS = "SUCCESS";
    static final String AUTHORIZED = "AUTHORIZED";
    static final String OUT_OF_COMPLIANCE = "OUT_OF_COMPLIANCE";

    private final SatelliteKeys keys;
    private final Clock clock;

    DeviceReplies(SatelliteKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    String signedReply(RequestHeader request, DeviceOutcome outcome) {
        ObjectNode header = WireJson.object();
        header.put("version", VERSION);
        header.put("request_type", request.requestType().name());
        header.put("nonce", request.nonce());
        header.put("timestamp", clock.millis());
        ObjectNode data = null;
        if (outcome instanceof Rejected rejected) {
            header.put("status", rejected.reason().status());
            header.put("failure_reason", rejected.message());
        } else {
            header.put("status", SUCCESS);
            header.putNull("failure_reason");
            data = responseData(outcome);
        }
        ObjectNode response = WireJson.object();
        response.set("header", header);
        if (data == null) {
            response.putNull("response_data");
        } else {
            response.put("response_data", WireJson.write(data));
        }
        return sign(WireJson.write(response), request.signingCertSerial());
    }

    private String sign(String response, String signerTheDeviceHolds) {
        byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
        // The serial is read around the signature so that a signer rotated in between is noticed
        // rather than announced with the wrong serial.
        String serial;
        String signerPem;
        byte[] signature;
        int attempts = 0;
        do {
            serial = keys.signerSerial();
            signerPem = keys.signerCertificatePem();
            signature = keys.sign(bytes);
        } while (!serial.equals(keys.signerSerial()) && ++attempts < 3);
        ObjectNode signatureNode = WireJson.object();
        signatureNode.put("type", "SHA-256");
        signatureNode.put("value", Base64.getEncoder().encodeToString(signature));
        ObjectNode reply = WireJson.object();
        reply.set("signature", signatureNode);
        reply.put("signing_cert_serial_number", serial);
        if (signerTheDeviceHolds != null && !signerTheDeviceHolds.equals(serial)) {
            // The signer rotated since the device registered: hand it the new one. It needs no signature of its
            // own: the device accepts it only if it chains to the satellite CA it already trusts.
            reply.put("signing_cert", signerPem);
        }
        reply.put("response", response);
        return WireJson.write(reply);
    }

    private ObjectNode responseData(DeviceOutcome outcome) {
        ObjectNode data = WireJson.object();
        if (outcome instanceof Registered r) {
            data.put("product_instance_identifier", r.productInstanceId());
            data.put("smart_account", r.smartAccount());
            data.put("virtual_account", r.virtualAccount());
            data.put("export_controlled_allowed", r.exportControlledAllowed());
            data.put("id_cert", r.idCertificatePem());
            data.put("id_cert_serial_number", r.idCertificateSerial());
            data.put("signing_cert", keys.signerCertificatePem());
            data.put("signing_cert_serial_number", keys.signerSerial());
            data.put("ca_cert", keys.caCertificatePem());
            data.put("registration_expires", r.registrationExpires().toEpochMilli());
            data.put("renew_after", r.renewIdAfter().toEpochMilli());
        } else if (outcome instanceof IdCertificateRenewed r) {
            data.put("id_cert", r.idCertificatePem());
            data.put("id_cert_serial_number", r.idCertificateSerial());
            data.put("registration_expires", r.registrationExpires().toEpochMilli());
            data.put("renew_after", r.renewIdAfter().toEpochMilli());
        } else if (outcome instanceof Authorized a) {
            data.put("status", a.compliant() ? AUTHORIZED : OUT_OF_COMPLIANCE);
            ArrayNode entitlements = data.putArray("entitlements");
            for (EntitlementGrant grant : a.entitlements()) {
                ObjectNode entry = entitlements.addObject();
                entry.put("tag", grant.tag());
                entry.put("count", grant.requested());
                entry.put("status", grant.compliant() ? AUTHORIZED : OUT_OF_COMPLIANCE);
                entry.put("borrowed_from", grant.borrowedFromTag());
                entry.put("borrowed", grant.borrowed());
            }
            data.put("authorization_expires", a.authorizationExpires().toEpochMilli());
            data.put("renewal_interval_days", a.renewalInterval().toDays());
            data.put("next_renewal", a.nextRenewal().toEpochMilli());
        } else if (outcome instanceof Deregistered d) {
            data.put("product_instance_identifier", d.productInstanceId());
        } else {
            throw new IllegalArgumentException("no response data for " + outcome.getClass().getSimpleName());
        }
        return data;
    }
}
