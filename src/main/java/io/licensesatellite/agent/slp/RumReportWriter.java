package io.licensesatellite.agent.slp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes RUM reports in the public format (protocol-facts B3): payload version 2.0 with asset_identification, meta
 * and measurements, wrapped with a "builtin" signature. The real algorithm is not public; the simulator signs with
 * HMAC-SHA256 under a per-device key, which gives the same shape (32 bytes, base64).
 */
public final class RumReportWriter {
    private static final long SAMPLE_INTERVAL_SECONDS = 3600;

    private final SlpIdentity identity;
    private final byte[] signingKey;
    private final boolean withHeader;

    /**
     * @param withHeader write {@code "header":{"type":"rum"}} as 17.6 device files do (17.9 pushes have none)
     */
    public RumReportWriter(SlpIdentity identity, byte[] signingKey, boolean withHeader) {
        this.identity = identity;
        this.signingKey = signingKey.clone();
        this.withHeader = withHeader;
    }

    public RumReport write(long reportId, String entitlementTag, List<RumReport.Measurement> measurements, long logTime) {
        String payload = payload(reportId, entitlementTag, measurements, logTime);
        StringBuilder wrapper = new StringBuilder(payload.length() + 400).append("{\"payload\":").append(RumJson.quote(payload));
        if (withHeader) {
            wrapper.append(",\"header\":{\"type\":\"rum\"}");
        }
        wrapper.append(",\"signature\":{\"sudi\":").append(identity.sudiJson())
                .append(",\"signing_type\":\"builtin\",\"key\":").append(RumJson.quote(identity.softwareTag()))
                .append(",\"value\":").append(RumJson.quote(sign(payload))).append("}}");
        return new RumReport(reportId, entitlementTag, List.copyOf(measurements), payload, wrapper.toString());
    }

    private String payload(long reportId, String tag, List<RumReport.Measurement> measurements, long logTime) {
        StringBuilder p = new StringBuilder(256 + measurements.size() * 330);
        p.append("{\"version\":\"2.0\",\"asset_identification\":{\"report_id\":").append(reportId)
                .append(",\"asset\":{\"name\":").append(RumJson.quote(identity.softwareTag())).append('}')
                .append(",\"instance\":{\"sudi\":").append(identity.sudiJson()).append("}}")
                .append(",\"meta\":{\"entitlement_tag\":").append(RumJson.quote(tag))
                .append(",\"utility_enabled\":false,\"software_version\":").append(RumJson.quote(identity.softwareVersion()))
                .append(",\"ha_udi\":[{\"role\":\"Active\",\"sudi\":").append(identity.sudiJson()).append("}]}")
                .append(",\"measurements\":[");
        for (int i = 0; i < measurements.size(); i++) {
            RumReport.Measurement m = measurements.get(i);
            if (i > 0) {
                p.append(',');
            }
            long samples = Math.max(1, (m.endTime() - m.startTime()) / SAMPLE_INTERVAL_SECONDS);
            p.append("{\"log_time\":").append(logTime).append(",\"metric_name\":\"ENTITLEMENT\"")
                    .append(",\"start_time\":").append(m.startTime()).append(",\"end_time\":").append(m.endTime())
                    .append(",\"sample_interval\":").append(SAMPLE_INTERVAL_SECONDS).append(",\"num_samples\":").append(samples)
                    .append(",\"meta\":{\"termination_reason\":\"CurrentUsageRequested\"}")
                    .append(",\"value\":{\"type\":\"COUNT\",\"value\":\"").append(m.count()).append("\"}}");
        }
        return p.append("]}").toString();
    }

    /** base64 of HMAC-SHA256 over the payload bytes: 32 bytes, like the "builtin" value. */
    public String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this JVM", e);
        }
    }
}
