package io.licensesatellite.usage;

import io.licensesatellite.accounts.LicenseType;
import io.licensesatellite.accounts.LicensePoolRepository;
import io.licensesatellite.platform.Alert;
import io.licensesatellite.platform.AlertSource;
import io.licensesatellite.platform.CachedFigure;
import io.licensesatellite.platform.CachedFigures;
import io.licensesatellite.platform.SatelliteException;
import io.licensesatellite.platform.VisibleAccounts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reporting deadlines of every policy device (see {@link ReportingDeadlines} for the rules) and the alerts before
 * they pass: USAGE_REPORT_DUE_SOON, USAGE_ACK_DEADLINE_SOON, USAGE_ACK_OVERDUE.
 *
 * <p>A licence's kind comes from the satellite's pools: a TERM pool is a subscription, a PERPETUAL one perpetual; a
 * tag no pool knows counts as an unenforced subscription, the stricter of the two unenforced kinds, so a deadline
 * errs early rather than late. Reports do not say whether a licence is enforced or export-controlled.
 */
@ApplicationScoped
public class UsageDeadlines implements AlertSource {
    static final int MAX_LISTED = 20;
    /** Devices whose facts are read in one query: the largest page of a list. */
    private static final int CHUNK = UsageQueries.MAX_PAGE_SIZE;

    private final EntityManager em;
    private final ReportingHistories histories;
    private final LicensePoolRepository pools;
    private final VisibleAccounts visible;
    private final DeadlinesConfig config;
    private final Clock clock;
    private final CachedFigure<List<DeviceDeadline>> everyDevice;

    public UsageDeadlines(EntityManager em, ReportingHistories histories, LicensePoolRepository pools, VisibleAccounts visible,
                          DeadlinesConfig config, Clock clock, CachedFigures figures) {
        this.em = em;
        this.histories = histories;
        this.pools = pools;
        this.visible = visible;
        this.config = config;
        this.clock = clock;
        this.everyDevice = figures.of(() -> QuarkusTransaction.requiringNew().call(this::computeEveryDevice));
    }

    /** Devices sorted by their nearest date (those owing nothing last), one page; only the caller's visible VAs. */
    @Transactional
    public UsageViews.Page<DeviceDeadline> page(Long virtualAccountId, int page, int size) {
        if (page < 0) {
            throw SatelliteException.invalid("page", "must be 0 or more");
        }
        if (size < 1 || size > UsageQueries.MAX_PAGE_SIZE) {
            throw SatelliteException.invalid("size", "must be between 1 and " + UsageQueries.MAX_PAGE_SIZE);
        }
        List<DeviceDeadline> all = all().stream()
                .filter(d -> virtualAccountId == null || d.virtualAccountId() == virtualAccountId).toList();
        int from = (int) Math.min((long) page * size, all.size());
        return new UsageViews.Page<>(all.subList(from, Math.min(from + size, all.size())), page, size, all.size());
    }

    /**
     * The deadlines of these devices, by device id, in a few queries for all of them: what {@code GET
     * /usage/devices} shows beside each device of its page, the same computation as the deadlines list.
     */
    @Transactional
    public Map<Long, DeviceDeadline> of(List<UsageDevice> devices) {
        Map<Long, DeviceDeadline> byId = new HashMap<>();
        Map<Long, Map<String, LicenseType>> poolTypes = new HashMap<>();
        for (int from = 0; from < devices.size(); from += CHUNK) {
            List<UsageDevice> chunk = devices.subList(from, Math.min(from + CHUNK, devices.size()));
            Map<Long, byte[]> policies = histories.latestPolicies(chunk);
            Map<Long, List<String>> tags = histories.latestTags(chunk);
            Map<Long, Instant> changes = histories.countsChangedAfterAck(chunk);
            for (UsageDevice device : chunk) {
                ReportingPolicy policy = ReportingPolicy.read(policies.get(device.id)).orElseGet(ReportingPolicy::ciscoDefault);
                Map<String, LicenseType> types = poolTypes.computeIfAbsent(device.virtualAccountId, this::types);
                Set<LicenceKind> kinds = EnumSet.noneOf(LicenceKind.class);
                for (String tag : tags.getOrDefault(device.id, List.of())) {
                    kinds.add(types.get(tag) == LicenseType.PERPETUAL ? LicenceKind.UNENFORCED_PERPETUAL : LicenceKind.UNENFORCED_SUBSCRIPTION);
                }
                ReportingDeadlines.Deadlines d = ReportingDeadlines.compute(policy, kinds, new ReportingDeadlines.DeviceHistory(
                        device.firstSeenAt, device.lastReportAt, device.lastAckAt, changes.get(device.id)));
                Instant nearest = d.ackDeadline() == null ? d.nextReportDue()
                        : d.nextReportDue() == null || d.ackDeadline().isBefore(d.nextReportDue()) ? d.ackDeadline() : d.nextReportDue();
                byId.put(device.id, new DeviceDeadline(device.id, device.pid, device.serialNumber, device.virtualAccountId,
                        policy.name(), kinds.stream().map(Enum::name).toList(), device.firstSeenAt, device.lastReportAt,
                        device.lastAckAt, d.nextReportDue(), d.ackDeadline(), nearest));
            }
        }
        return byId;
    }

    @Override
    @Transactional
    public List<Alert> openAlerts() {
        Instant now = clock.instant();
        Instant horizon = now.plus(config.warnBefore());
        List<Alert> overdue = new ArrayList<>();
        List<Alert> ackSoon = new ArrayList<>();
        List<Alert> reportSoon = new ArrayList<>();
        for (DeviceDeadline d : all()) {
            String device = "PID:" + d.pid() + ",SN:" + d.serialNumber();
            if (d.ackDeadline() != null && !now.isBefore(d.ackDeadline())) {
                overdue.add(new Alert("CRITICAL", "USAGE_ACK_OVERDUE", "Device " + device + " has had no acknowledgement"
                        + " since its deadline " + d.ackDeadline() + " (" + d.policy() + "): synchronise usage with the"
                        + " upstream and deliver the acknowledgement", "SATELLITE"));
            } else if (d.ackDeadline() != null && !horizon.isBefore(d.ackDeadline())) {
                ackSoon.add(new Alert("WARNING", "USAGE_ACK_DEADLINE_SOON", "Device " + device + " needs an acknowledgement"
                        + " by " + d.ackDeadline() + " (" + d.policy() + ")", "SATELLITE"));
            }
            if (d.nextReportDue() != null && !horizon.isBefore(d.nextReportDue())) {
                reportSoon.add(new Alert("WARNING", "USAGE_REPORT_DUE_SOON", "Device " + device + (now.isBefore(d.nextReportDue())
                        ? " must report its usage by " : " was due to report its usage on ") + d.nextReportDue(), "SATELLITE"));
            }
        }
        List<Alert> alerts = new ArrayList<>();
        capped(alerts, overdue);
        capped(alerts, ackSoon);
        capped(alerts, reportSoon);
        return alerts;
    }

    private static void capped(List<Alert> into, List<Alert> alerts) {
        into.addAll(alerts.subList(0, Math.min(MAX_LISTED, alerts.size())));
        if (alerts.size() > MAX_LISTED) {
            Alert first = alerts.get(0);
            into.add(new Alert(first.severity(), first.code(), (alerts.size() - MAX_LISTED) + " more devices: see"
                    + " GET /api/v1/usage/deadlines", "SATELLITE"));
        }
    }

    /** Every device the caller may see (a limited viewer: its VAs' only), nearest deadline first. */
    List<DeviceDeadline> all() {
        Optional<Set<Long>> only = visible.limitedTo();
        if (only.isPresent() && only.get().isEmpty()) {
            return List.of();
        }
        List<DeviceDeadline> every = everyDevice.get();
        return only.isEmpty() ? every : every.stream().filter(d -> only.get().contains(d.virtualAccountId())).toList();
    }

    /**
     * Every device's deadlines, nearest first. Deadlines are instants that move only when a report, an ACK or a pool
     * arrives, so the list is kept in memory and recomputed in the background once older than
     * {@code satellite.lists.totals-max-age}: the dashboard's alerts and the deadline list no longer compute ten
     * thousand devices on every call.
     */
    private List<DeviceDeadline> computeEveryDevice() {
        List<UsageDevice> devices = em.createQuery("from UsageDevice order by id", UsageDevice.class).getResultList();
        List<DeviceDeadline> deadlines = new ArrayList<>(of(devices).values());
        deadlines.sort(Comparator.comparing(DeviceDeadline::nearest, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(DeviceDeadline::deviceId));
        return List.copyOf(deadlines);
    }

    /** The VA's pools by tag, read whatever the caller may see: the result is shared by every caller. */
    private Map<String, LicenseType> types(long vaId) {
        Map<String, LicenseType> types = new HashMap<>();
        // a VA that is gone has no pools: its tags count as subscriptions, the earlier deadline
        pools.forAccount(vaId).forEach(p -> types.put(p.tag, p.licenseType));
        return types;
    }
}
