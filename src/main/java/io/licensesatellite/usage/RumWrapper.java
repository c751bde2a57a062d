package io.licensesatellite.usage;

import java.nio.charset.StandardCharsets;

/**
 * A RUM report as devices wrap it: the payload string (exactly as signed), and the wrapper's {@code signature} and
 * optional {@code header} objects exactly as they appeared in the source text.
 *
 * @param payload       the payload string, unescaped: the bytes the device signed
 * @param signatureJson the signature object's JSON text as received
 * @param headerJson    the header object's JSON text as received, or null (17.9 wrappers have none)
 * @param signatureSudi the device the signature names, or null if it names none
 */
public record RumWrapper(String payload, String signatureJson, String headerJson, DeviceId signatureSudi) {

    public byte[] payloadBytes() {
        return payload.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The wrapper as JSON for forwarding: the payload string escaped as JSON requires (its value, the signed bytes, is
     * unchanged), the signature and header objects verbatim.
     */
    public String toJson() {
        StringBuilder out = new StringBuilder(payload.length() + signatureJson.length() + 64);
        out.append("{\"payload\":");
        JsonText.quote(payload, out);
        if (headerJson != null) {
            out.append(",\"header\":").append(headerJson);
        }
        out.append(",\"signature\":").append(signatureJson).append('}');
        return out.toString();
    }
}
