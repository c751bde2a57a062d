package io.licensesatellite.upstream;

import io.licensesatellite.sync.file.SyncRequestFile.Event;
import io.licensesatellite.sync.file.SyncRequestFile.TagUsage;
import io.licensesatellite.sync.file.SyncRequestFile.VirtualAccountUsage;
import io.licensesatellite.upstream.SatelliteRecord.IssuedCertificate;
import io.licensesatellite.upstream.SatelliteRecord.Report;
import java.util.List;
import java.util.Locale;

/** The {@code show} text: per satellite, who it is and what it last reported. */
final class SatelliteReportText {
    private SatelliteReportText() {}

    static String render(List<SatelliteRecord> satellites, int lastEvents) {
        if (satellites.isEmpty()) {
            return "No satellite registered.\n";
        }
        StringBuilder out = new StringBuilder();
        for (SatelliteRecord s : satellites) {
            IssuedCertificate certificate = s.currentCertificate();
            out.append("Satellite ").append(s.name()).append(" (").append(s.id()).append(")\n");
            line(out, 1, "Smart Account %s; Virtual Accounts %s", s.smartAccount(), String.join(", ", s.virtualAccounts()));
            line(out, 1, "registered %s (%d time%s); certificate serial %s, valid until %s", s.registeredAt(),
                    s.registrations(), s.registrations() == 1 ? "" : "s", certificate.serial(), certificate.notAfter());
            Report report = s.report();
            if (report == null) {
                line(out, 1, "no sync yet");
                out.append('\n');
                continue;
            }
            line(out, 1, "last sync %s: request %d (%s), created %s, software %s; %d request%s answered", report.receivedAt(),
                    report.sequence(), report.type().name().toLowerCase(Locale.ROOT), report.createdAt(),
                    report.softwareVersion(), s.requestsAnswered(), s.requestsAnswered() == 1 ? "" : "s");
            line(out, 1, "product instances: %d; events received: %d", report.instances().size(), report.eventsReceived());
            line(out, 1, "usage:");
            if (report.usage().isEmpty()) {
                line(out, 2, "none reported");
            }
            for (VirtualAccountUsage va : report.usage()) {
                line(out, 2, "%s", va.virtualAccount());
                for (TagUsage tag : va.tags()) {
                    line(out, 3, "%s  purchased %d  in use %d  overdrawn %d", tag.tag(), tag.purchased(), tag.inUse(),
                            tag.overdrawn());
                }
            }
            List<Event> events = report.recentEvents();
            List<Event> shown = events.subList(Math.max(0, events.size() - lastEvents), events.size());
            line(out, 1, "last events (%d of %d kept):", shown.size(), events.size());
            for (Event e : shown) {
                line(out, 2, "%s  #%d  %s  %s  %s%s", e.occurredAt(), e.id(), e.type(), e.udi(), e.virtualAccount(),
                        e.detail() == null ? "" : "  " + e.detail());
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static void line(StringBuilder out, int depth, String format, Object... args) {
        out.append("  ".repeat(depth)).append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
