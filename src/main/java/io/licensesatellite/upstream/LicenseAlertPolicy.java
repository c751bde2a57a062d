package io.licensesatellite.upstream;

import io.licensesatellite.sync.file.SyncRequestFile.TagUsage;
import io.licensesatellite.sync.file.SyncRequestFile.VirtualAccountUsage;
import io.licensesatellite.sync.file.SyncResponseFile.Alert;
import io.licensesatellite.sync.file.SyncResponseFile.LicenseLine;
import io.licensesatellite.sync.file.SyncResponseFile.VirtualAccountLicenses;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The alerts a response carries, over every VA assigned (not only those a standard response sends):
 * <ul>
 *   <li>CRITICAL {@code LICENSES_EXPIRED}: a TERM line whose end date is before today (UTC);</li>
 *   <li>WARNING {@code LICENSES_EXPIRING}: a TERM line ending within {@link #EXPIRY_WARNING_DAYS} days (today included);</li>
 *   <li>WARNING {@code OUT_OF_COMPLIANCE}: a tag the request reports overdrawn in a VA.</li>
 * </ul>
 * The {@code CERTIFICATE_RENEWED} INFO alert comes with a renewed certificate (see {@link UpstreamEmulator}).
 */
final class LicenseAlertPolicy {
    static final int EXPIRY_WARNING_DAYS = 30;

    private LicenseAlertPolicy() {}

    static List<Alert> alerts(List<VirtualAccountLicenses> licenses, List<VirtualAccountUsage> usage, LocalDate today) {
        List<Alert> alerts = new ArrayList<>();
        for (VirtualAccountLicenses va : licenses) {
            for (LicenseLine line : va.licenses()) {
                if (!"TERM".equals(line.type()) || line.endDate() == null) {
                    continue;
                }
                long days = ChronoUnit.DAYS.between(today, line.endDate());
                String what = va.name() + ": " + line.quantity() + " x " + line.displayName() + " (" + line.tag() + ")";
                if (days < 0) {
                    alerts.add(new Alert("CRITICAL", "LICENSES_EXPIRED", what + " ended on " + line.endDate()));
                } else if (days <= EXPIRY_WARNING_DAYS) {
                    alerts.add(new Alert("WARNING", "LICENSES_EXPIRING", what + " end on " + line.endDate()
                            + (days == 0 ? " (today is the last day)" : " (in " + days + (days == 1 ? " day)" : " days)"))));
                }
            }
        }
        for (VirtualAccountUsage va : usage == null ? List.<VirtualAccountUsage>of() : usage) {
            for (TagUsage tag : va.tags() == null ? List.<TagUsage>of() : va.tags()) {
                if (tag.overdrawn() > 0) {
                    alerts.add(new Alert("WARNING", "OUT_OF_COMPLIANCE", va.virtualAccount() + ": " + tag.tag() + " in use "
                            + tag.inUse() + ", purchased " + tag.purchased() + ", overdrawn by " + tag.overdrawn()));
                }
            }
        }
        return alerts;
    }
}
