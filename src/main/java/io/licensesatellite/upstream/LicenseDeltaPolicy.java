package io.licensesatellite.upstream;

import io.licensesatellite.sync.file.SyncResponseFile.LicenseLine;
import io.licensesatellite.sync.file.SyncResponseFile.VirtualAccountLicenses;
import io.licensesatellite.sync.file.SyncType;
import io.licensesatellite.upstream.SatelliteRecord.AnsweredRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which VAs a response carries. Complete (every assigned VA) for a full request, for a satellite that has
 * acknowledged nothing, or when this upstream no longer knows the response it acknowledged; otherwise only the VAs
 * whose licence content differs from what that acknowledged response left the satellite with.
 */
final class LicenseDeltaPolicy {

    /** @param digests per VA assigned, the content the satellite holds once it has applied this response */
    record Choice(boolean complete, List<VirtualAccountLicenses> sent, Map<String, String> digests) {}

    private LicenseDeltaPolicy() {}

    static Choice choose(SyncType type, Long acknowledgedSequence, Optional<AnsweredRequest> acknowledged,
            List<VirtualAccountLicenses> current) {
        Map<String, String> digests = new LinkedHashMap<>();
        for (VirtualAccountLicenses va : current) {
            digests.put(va.name(), digest(va));
        }
        boolean complete = type == SyncType.FULL || acknowledgedSequence == null || acknowledged.isEmpty()
                || !digests.keySet().containsAll(acknowledged.get().licenseDigests().keySet());
        if (complete) {
            return new Choice(true, current, digests);
        }
        Map<String, String> base = acknowledged.get().licenseDigests();
        List<VirtualAccountLicenses> changed = new ArrayList<>();
        for (VirtualAccountLicenses va : current) {
            if (!Objects.equals(base.get(va.name()), digests.get(va.name()))) {
                changed.add(va);
            }
        }
        return new Choice(false, changed, digests);
    }

    /** SHA-256 over every field of the VA and its lines, lines in tag order, fields separated unambiguously. */
    static String digest(VirtualAccountLicenses va) {
        StringBuilder text = new StringBuilder();
        field(text, va.name());
        field(text, va.description());
        List<LicenseLine> lines = new ArrayList<>(va.licenses());
        lines.sort(Comparator.comparing(LicenseLine::tag));
        for (LicenseLine line : lines) {
            text.append('\n');
            field(text, line.tag());
            field(text, line.displayName());
            field(text, Integer.toString(line.quantity()));
            field(text, line.type());
            field(text, line.endDate() == null ? null : line.endDate().toString());
            field(text, line.higherTierTag());
        }
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    private static void field(StringBuilder text, String value) {
        if (value == null) {
            text.append("-;");
        } else {
            text.append(value.length()).append(':').append(value).append(';');
        }
    }
}
