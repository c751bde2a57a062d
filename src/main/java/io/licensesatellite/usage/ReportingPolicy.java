package io.licensesatellite.usage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * A reporting policy: per licence kind, the days until the first report, the reporting frequency and the days to
 * report after a change (0: at once, or for the frequency: no periodic report), and whether reports must be
 * acknowledged. Read from the {@code <smartLicensePolicy>} part that came with a device's last acknowledgement
 * (the JSON the upstream emulator writes: {@code reporting_ack_required}, {@code unenforced_perpetual}: {...});
 * without one, the vendor's default.
 */
public record ReportingPolicy(String name, boolean ackRequired, Map<LicenceKind, Terms> terms) {
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build()).build());
    private static final int MAX_DAYS = 3650;

    public record Terms(int firstReportDays, int reportingFrequencyDays, int reportOnChangeDays) {
        public Terms {
            if (firstReportDays < 0 || reportingFrequencyDays < 0 || reportOnChangeDays < 0) {
                throw new IllegalArgumentException("policy days cannot be negative");
            }
        }
    }

    public ReportingPolicy {
        terms = Map.copyOf(terms);
    }

    /** The vendor's default (B4): unenforced perpetual 365/0/90, unenforced subscription 90/90/90, the rest 0/0/0. */
    public static ReportingPolicy ciscoDefault() {
        Map<LicenceKind, Terms> terms = new EnumMap<>(LicenceKind.class);
        Terms none = new Terms(0, 0, 0);
        for (LicenceKind kind : LicenceKind.values()) {
            terms.put(kind, none);
        }
        terms.put(LicenceKind.UNENFORCED_PERPETUAL, new Terms(365, 0, 90));
        terms.put(LicenceKind.UNENFORCED_SUBSCRIPTION, new Terms(90, 90, 90));
        return new ReportingPolicy("CISCO default", true, terms);
    }

    public Terms termsFor(LicenceKind kind) {
        return terms.getOrDefault(kind, ciscoDefault().terms.get(kind));
    }

    /**
     * Reads the policy part as the upstream sent it: the JSON object itself, or inside {@code <data>} of the XML
     * section. Kinds the policy leaves out keep the default's terms.
     *
     * @return empty when the bytes hold no readable policy
     */
    public static Optional<ReportingPolicy> read(byte[] policyBytes) {
        if (policyBytes == null || policyBytes.length == 0) {
            return Optional.empty();
        }
        String text = new String(policyBytes, StandardCharsets.UTF_8);
        int start = text.indexOf('{');
        int end = text.lastIndexOf('}');
        if (start < 0 || end < start) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(text.substring(start, end + 1));
            ReportingPolicy fallback = ciscoDefault();
            Map<LicenceKind, Terms> terms = new EnumMap<>(LicenceKind.class);
            for (LicenceKind kind : LicenceKind.values()) {
                JsonNode node = root.path(kind.name().toLowerCase(java.util.Locale.ROOT));
                terms.put(kind, node.isObject() ? new Terms(days(node, "first_report_days"),
                        days(node, "reporting_frequency_days"), days(node, "report_on_change_days")) : fallback.termsFor(kind));
            }
            String name = root.path("name").isTextual() ? root.path("name").asText() : "Installed policy";
            boolean ackRequired = !root.path("reporting_ack_required").isBoolean() || root.path("reporting_ack_required").asBoolean();
            return Optional.of(new ReportingPolicy(name, ackRequired, terms));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static int days(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.canConvertToInt() || value.asInt() < 0 || value.asInt() > MAX_DAYS) {
            throw new IllegalArgumentException(field + " must be 0 to " + MAX_DAYS + " days");
        }
        return value.asInt();
    }
}
