package io.licensesatellite.agent.slp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A simulated policy device for the device-side REST API: measures its licences in use between closes, keeps
 * signed RUM reports (OPEN, CLOSED, ACK) and applies imported acknowledgements and policies. The report's
 * "builtin" signature is an HMAC-SHA256 under a per-device key: the vendor's algorithm is not public, and the
 * satellite only keeps and forwards it.
 */
public final class LabPolicyDevice implements SmartlicDevice {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DATA = Pattern.compile("<smartLicenseRumAck>\\s*<data>(.*?)</data>", Pattern.DOTALL);
    private static final Pattern POLICY = Pattern.compile("<smartLicensePolicy>(.*?)</smartLicensePolicy>", Pattern.DOTALL);
    private static final Pattern NUMBER = Pattern.compile("\\d{6,19}");
    private static final DateTimeFormatter SHOW = DateTimeFormatter.ofPattern("MMM dd HH:mm:ss yyyy 'UTC'").withZone(ZoneOffset.UTC);
    /** Without a policy the device counts the vendor default's shortest reporting frequency (subscription: 90 days). */
    static final Duration DEFAULT_ACK_WINDOW = Duration.ofDays(90);

    private final String pid;
    private final String serial;
    private final String softwareTag;
    private final Map<String, Integer> inUse;
    private final Clock clock;
    private final byte[] signingKey = new byte[32];
    private final List<Stored> reports = new ArrayList<>();
    private Instant measuredFrom;
    private long lastReportId;
    private Instant lastAckReceived;
    private String policy;

    public LabPolicyDevice(String pid, String serial, Map<String, Integer> inUse, Clock clock) {
        this.pid = pid;
        this.serial = serial;
        this.inUse = new LinkedHashMap<>(inUse);
        this.clock = clock;
        this.softwareTag = "regid.2018-05.com.cisco." + pid.replace('-', '_') + ",1.0_" + java.util.UUID.nameUUIDFromBytes(
                (pid + serial).getBytes(StandardCharsets.UTF_8));
        this.measuredFrom = clock.instant();
        new SecureRandom().nextBytes(signingKey);
    }

    private static final class Stored {
        final long id;
        String state;
        final Instant closedAt;
        final byte[] wrapper;

        Stored(long id, String state, Instant closedAt, byte[] wrapper) {
            this.id = id;
            this.state = state;
            this.closedAt = closedAt;
            this.wrapper = wrapper;
        }
    }

    public String udi() {
        return "PID:" + pid + ",SN:" + serial;
    }

    public String pid() {
        return pid;
    }

    public String serial() {
        return serial;
    }

    /** The usage measured since the last close becomes a CLOSED report; nothing measured (no time passed), nothing. */
    @Override
    public synchronized void closeReports() {
        Instant now = clock.instant();
        if (!now.isAfter(measuredFrom) || inUse.isEmpty()) {
            return;
        }
        long id = Math.max(now.getEpochSecond(), lastReportId + 1);
        lastReportId = id;
        reports.add(new Stored(id, "CLOSED", now, wrapper(id, measuredFrom, now)));
        measuredFrom = now;
    }

    @Override
    public synchronized List<Report> reports() {
        return reports.stream().map(r -> new Report(r.id, r.state, r.closedAt, r.wrapper)).toList();
    }

    /** Reports whose id the ACK names become ACK; a policy that comes with it is installed. */
    @Override
    public synchronized void importFile(byte[] file) {
        String text = new String(file, StandardCharsets.UTF_8);
        if (!text.contains("<smartLicense>")) {
            throw new IllegalArgumentException("Import Data Failed: not a smartLicense file");
        }
        Matcher data = DATA.matcher(text);
        Matcher policyPart = POLICY.matcher(text);
        if (!data.find() && !policyPart.find()) {
            throw new IllegalArgumentException("Import Data Failed: neither an acknowledgement nor a policy");
        }
        if (data.find(0)) {
            Matcher numbers = NUMBER.matcher(data.group(1));
            List<Long> named = new ArrayList<>();
            while (numbers.find()) {
                try {
                    named.add(Long.parseLong(numbers.group()));
                } catch (NumberFormatException ignored) {
                    // A 19-digit number beyond a long is no report id.
                }
            }
            reports.stream().filter(r -> named.contains(r.id)).forEach(r -> r.state = "ACK");
            lastAckReceived = clock.instant();
        }
        if (policyPart.find(0)) {
            policy = policyPart.group(1).strip();
        }
    }

    /** The {@code Usage Reporting} block of {@code show license status}. */
    public synchronized List<String> usageReportingLines() {
        List<String> lines = new ArrayList<>();
        lines.add("Usage Reporting:");
        lines.add("  Last ACK received: " + (lastAckReceived == null ? "<none>" : SHOW.format(lastAckReceived)));
        Instant base = lastAckReceived == null ? measuredFromFirst() : lastAckReceived;
        lines.add("  Next ACK deadline: " + SHOW.format(base.plus(DEFAULT_ACK_WINDOW)));
        lines.add("  Policy in use: " + (policy == null ? "Merged from multiple sources." : "Installed"));
        return lines;
    }

    public synchronized String installedPolicy() {
        return policy;
    }

    public synchronized long count(String state) {
        return reports.stream().filter(r -> r.state.equals(state)).count();
    }

    private Instant measuredFromFirst() {
        return reports.isEmpty() ? measuredFrom : reports.get(0).closedAt;
    }

    private byte[] wrapper(long id, Instant from, Instant to) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("version", "2.0");
        ObjectNode asset = payload.putObject("asset_identification");
        asset.put("report_id", id);
        asset.putObject("asset").put("name", softwareTag);
        sudi(asset.putObject("instance").putObject("sudi"));
        ObjectNode meta = payload.putObject("meta");
        meta.put("utility_enabled", false);
        meta.put("software_version", "17.09.02");
        ArrayNode measurements = payload.putArray("measurements");
        for (Map.Entry<String, Integer> tag : inUse.entrySet()) {
            ObjectNode m = measurements.addObject();
            m.put("log_time", to.getEpochSecond());
            m.put("metric_name", "ENTITLEMENT");
            m.put("start_time", from.getEpochSecond());
            m.put("end_time", to.getEpochSecond());
            m.put("sample_interval", 900);
            m.put("num_samples", Math.max(1, Duration.between(from, to).toSeconds() / 900));
            ObjectNode mMeta = m.putObject("meta");
            mMeta.put("entitlement_tag", tag.getKey());
            mMeta.put("close_reason", "CurrentUsageRequested");
            ObjectNode value = m.putObject("value");
            value.put("type", "COUNT");
            value.put("value", String.valueOf(tag.getValue()));
        }
        try {
            String payloadText = JSON.writeValueAsString(payload);
            ObjectNode wrapper = JSON.createObjectNode();
            wrapper.put("payload", payloadText);
            wrapper.putObject("header").put("type", "rum");
            ObjectNode signature = wrapper.putObject("signature");
            sudi(signature.putObject("sudi"));
            signature.put("signing_type", "builtin");
            signature.put("key", softwareTag);
            signature.put("value", Base64.getEncoder().encodeToString(hmac(payloadText)));
            return JSON.writeValueAsBytes(wrapper);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a report", e);
        }
    }

    private void sudi(ObjectNode sudi) {
        sudi.put("udi_pid", pid);
        sudi.put("udi_serial_number", serial);
    }

    private byte[] hmac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
