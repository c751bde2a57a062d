package io.licensesatellite.agent.slp;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simulated Smart Licensing Using Policy device: it measures its entitlement counts into RUM reports (one per tag
 * per measurement), keeps them until an ACK arrives, and prints its status as {@code show license status} does.
 * The transports (push here, the device-side REST API for pull) only move its reports and ACKs.
 */
public final class SlpDevice {
    /** With no policy installed the device asks for an ACK within this long of its first unacknowledged report. */
    public static final Duration DEFAULT_ACK_WINDOW = Duration.ofDays(365);
    private static final Pattern RUM_ACK_IDS = Pattern.compile("\"report_ids\"\\s*:\\s*\\[([0-9,\\s]*)]");

    private final SlpIdentity identity;
    private final RumReportWriter writer;
    private final Clock clock;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final List<RumReport> unacknowledged = new ArrayList<>();
    private long nextReportId;
    private Instant lastMeasured;
    private Instant lastAckReceived;
    private Instant lastReportPush;
    private Instant lastFileWrite;
    private byte[] lastAck;

    public SlpDevice(SlpIdentity identity, byte[] signingKey, Clock clock) {
        this.identity = identity;
        this.writer = new RumReportWriter(identity, signingKey, false);
        this.clock = clock;
        this.nextReportId = clock.instant().getEpochSecond();
        this.lastMeasured = clock.instant();
    }

    public SlpIdentity identity() { return identity; }

    /** Sets how many licences of the tag are in use from now on. */
    public void use(String tag, long count) {
        counts.put(tag, count);
    }

    /**
     * Closes the open measurement interval: one report per tag in use, covering the time since the last one. Returns
     * the new reports (also kept until acknowledged).
     */
    public List<RumReport> measure() {
        Instant now = clock.instant();
        long start = lastMeasured.getEpochSecond();
        long end = Math.max(start + 1, now.getEpochSecond());
        List<RumReport> made = new ArrayList<>();
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            made.add(writer.write(nextReportId++, e.getKey(), List.of(new RumReport.Measurement(start, end, e.getValue())), end));
        }
        lastMeasured = Instant.ofEpochSecond(end);
        unacknowledged.addAll(made);
        return made;
    }

    public List<RumReport> unacknowledged() {
        return List.copyOf(unacknowledged);
    }

    void pushed() {
        lastReportPush = clock.instant();
    }

    /**
     * Applies an ACK: all reports are acknowledged when the ACK lists none by id (it is opaque to the device beyond
     * that), else the listed ones. Returns how many were acknowledged.
     */
    public int acknowledge(byte[] ack) {
        lastAck = ack.clone();
        lastAckReceived = clock.instant();
        Matcher m = RUM_ACK_IDS.matcher(new String(ack, StandardCharsets.UTF_8));
        int before = unacknowledged.size();
        if (m.find()) {
            List<Long> ids = new ArrayList<>();
            for (String s : m.group(1).split(",")) {
                if (!s.isBlank()) {
                    ids.add(Long.parseLong(s.strip()));
                }
            }
            unacknowledged.removeIf(r -> ids.contains(r.reportId()));
        } else {
            unacknowledged.clear();
        }
        return before - unacknowledged.size();
    }

    /** {@code license smart save usage unreported file <path>}: the {@code <smartLicense>} usage file. */
    public String usageFile() {
        lastFileWrite = clock.instant();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<smartLicense>\n");
        xml.append("<smartLicenseSystemInfo><data>{\"sudi\":").append(identity.sudiJson())
                .append(",\"timestamp\":").append(clock.millis())
                .append(",\"nonce\":\"").append(Long.toHexString(clock.millis() ^ identity.serialNumber().hashCode())).append('"')
                .append(",\"hostname\":").append(RumJson.quote(identity.hostname()))
                .append(",\"software_tag_identifier\":").append(RumJson.quote(identity.softwareTag()))
                .append("}</data></smartLicenseSystemInfo>\n");
        for (RumReport r : unacknowledged) {
            xml.append("<RUMReport><![CDATA[").append(r.wrapperJson()).append("]]></RUMReport>\n");
        }
        return xml.append("</smartLicense>\n").toString();
    }

    /**
     * {@code license smart import <file>}: takes the {@code <smartLicenseRumAck>} data out of an ACK file (CDATA or
     * text) and applies it. Returns the device's message.
     */
    public String importFile(String xml) {
        int open = xml.indexOf("<smartLicenseRumAck>");
        if (open < 0) {
            return "Import Data failed: no RUM ACK in the file";
        }
        int data = xml.indexOf("<data>", open);
        int end = xml.indexOf("</data>", data);
        if (data < 0 || end < 0) {
            return "Import Data failed: the RUM ACK has no data";
        }
        String content = xml.substring(data + 6, end).replace("]]><![CDATA[", "");
        if (content.startsWith("<![CDATA[") && content.endsWith("]]>")) {
            content = content.substring(9, content.length() - 3);
        }
        acknowledge(content.getBytes(StandardCharsets.UTF_8));
        return "Import Data Successful";
    }

    /** The Usage Reporting block of {@code show license status} (protocol-facts B4, D3). */
    public List<String> status(Duration pushInterval) {
        Instant oldest = unacknowledged.isEmpty() ? null : Instant.ofEpochSecond(unacknowledged.get(0).measurements().get(0).endTime());
        List<String> lines = new ArrayList<>();
        lines.add("Usage Reporting:");
        lines.add("  Last ACK received: " + show(lastAckReceived));
        lines.add("  Next ACK deadline: " + (oldest == null ? "<none>" : show(oldest.plus(DEFAULT_ACK_WINDOW))));
        lines.add("  Reporting push interval: " + pushInterval.toDays() + " days");
        lines.add("  Next report push: " + show(lastReportPush == null ? clock.instant() : lastReportPush.plus(pushInterval)));
        lines.add("  Last report push: " + show(lastReportPush));
        lines.add("  Last report file write: " + show(lastFileWrite));
        lines.add("  Unacknowledged reports: " + unacknowledged.size());
        return lines;
    }

    /** What a state directory keeps of the device between simulator runs. */
    public record Saved(long nextReportId, Instant lastMeasured, Instant lastAckReceived, Instant lastReportPush,
                        Instant lastFileWrite, Map<String, Long> counts, List<RumReport> unacknowledged) {}

    public Saved save() {
        return new Saved(nextReportId, lastMeasured, lastAckReceived, lastReportPush, lastFileWrite, Map.copyOf(counts),
                List.copyOf(unacknowledged));
    }

    public void restore(Saved saved) {
        nextReportId = saved.nextReportId();
        lastMeasured = saved.lastMeasured();
        lastAckReceived = saved.lastAckReceived();
        lastReportPush = saved.lastReportPush();
        lastFileWrite = saved.lastFileWrite();
        counts.clear();
        counts.putAll(saved.counts());
        unacknowledged.clear();
        unacknowledged.addAll(saved.unacknowledged());
    }

    public byte[] lastAck() {
        return lastAck == null ? null : lastAck.clone();
    }

    private static String show(Instant t) {
        return t == null ? "<none>" : t.toString().replace('T', ' ').replace("Z", " UTC");
    }

    /** A per-device simulator key: the real "builtin" key is the vendor's; this one only has to be stable. */
    public static byte[] simulatorKey(String serialNumber) {
        return Base64.getEncoder().encode(("slp-simulator:" + serialNumber).getBytes(StandardCharsets.UTF_8));
    }
}
