package io.licensesatellite.accounts;

import io.licensesatellite.platform.SatelliteException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Licence use per account, tag and UTC day. {@link #snapshot} writes today's row of every tag from the compliance
 * figures, replacing what an earlier run of the same day wrote, so running it hourly keeps the day's last figures
 * and running it twice changes nothing.
 */
@ApplicationScoped
public class LicenseHistory {
    static final Period DEFAULT_RANGE = Period.ofDays(90);
    static final Period MAX_RANGE = Period.ofYears(2);

    private final ComplianceSummary compliance;
    private final LicenseSnapshotRepository snapshots;
    private final VirtualAccountRepository accounts;
    private final Clock clock;

    public LicenseHistory(ComplianceSummary compliance, LicenseSnapshotRepository snapshots,
                          VirtualAccountRepository accounts, Clock clock) {
        this.compliance = compliance;
        this.snapshots = snapshots;
        this.accounts = accounts;
        this.clock = clock;
    }

    public record DayFigures(LocalDate day, String tag, int purchased, int inUse, int borrowed) {}

    /** Writes today's figures (UTC day of {@code now}); returns how many rows were written or updated. */
    @Transactional
    public int snapshot(Instant now) {
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Map<String, LicenseSnapshot> existing = new HashMap<>();
        for (LicenseSnapshot s : snapshots.onDay(day)) {
            existing.put(s.virtualAccountId + "\n" + s.tag, s);
        }
        int written = 0;
        for (ComplianceSummary.AccountFigures account : compliance.all()) {
            for (ComplianceSummary.TagFigures tag : account.tags()) {
                LicenseSnapshot row = existing.remove(account.virtualAccountId() + "\n" + tag.tag());
                if (row == null) {
                    row = new LicenseSnapshot();
                    row.virtualAccountId = account.virtualAccountId();
                    row.tag = tag.tag();
                    row.snapshotDay = day;
                }
                row.purchased = tag.purchased();
                row.inUse = tag.inUse();
                row.borrowed = tag.borrowed();
                row.takenAt = now;
                if (row.id == null) {
                    snapshots.persist(row);
                }
                written++;
            }
        }
        for (LicenseSnapshot gone : existing.values()) {
            // Licences and use both went away since the day's last run: the day ends at zero, not at old figures.
            gone.purchased = 0;
            gone.inUse = 0;
            gone.borrowed = 0;
            gone.takenAt = now;
            written++;
        }
        return written;
    }

    /** One account's history; {@code from} and {@code to} default to the last 90 days and span at most two years. */
    @Transactional
    public List<DayFigures> history(long vaId, String tag, LocalDate from, LocalDate to) {
        if (accounts.findById(vaId) == null) {
            throw SatelliteException.notFound("No Virtual Account with id " + vaId);
        }
        LocalDate end = to != null ? to : LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate start = from != null ? from : end.minus(DEFAULT_RANGE);
        if (start.isAfter(end)) {
            throw SatelliteException.invalid("from", "must not be after to");
        }
        if (start.plus(MAX_RANGE).isBefore(end)) {
            throw SatelliteException.invalid("to", "the range may span at most two years");
        }
        String wanted = tag == null || tag.isBlank() ? null : tag.trim();
        return snapshots.history(vaId, wanted, start, end).stream()
                .map(s -> new DayFigures(s.snapshotDay, s.tag, s.purchased, s.inUse, s.borrowed)).toList();
    }
}
