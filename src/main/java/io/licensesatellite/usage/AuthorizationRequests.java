package io.licensesatellite.usage;

import io.licensesatellite.platform.SatelliteException;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Smart Licensing Authorization Code (SLAC) requests: stored as devices wrote them (file {@code smartLicenseAuthRequest}
 * or a push), sent upstream by the upstream helper (PENDING -> SENT -> ANSWERED), and the codes the upstream returns,
 * kept byte-exact until delivered to the device.
 */
@ApplicationScoped
public class AuthorizationRequests {
    private final Repository requests;
    private final ReportingDevices reportingDevices;
    private final UsageDeviceRepository devices;
    private final Clock clock;

    public AuthorizationRequests(Repository requests, ReportingDevices reportingDevices, UsageDeviceRepository devices,
                                 Clock clock) {
        this.requests = requests;
        this.reportingDevices = reportingDevices;
        this.devices = devices;
        this.clock = clock;
    }

    @ApplicationScoped
    public static class Repository implements PanacheRepository<AuthorizationRequest> {}

    /** An entitlement and count asked for. */
    public record Entitlement(String tag, long count) {}

    /**
     * A request as a door read it.
     *
     * @param requestJson the device's request entry exactly as written
     */
    public record NewRequest(DeviceId device, String requestJson, List<Entitlement> entitlements, String confirmCode,
                             String removeCode, String hostname) {}

    /** A stored request, for listing and for the upstream sender. */
    public record RequestView(long id, DeviceId device, long virtualAccountId, String requestJson,
                              List<Entitlement> entitlements, String confirmCode, String removeCode, String state,
                              Instant receivedAt, Instant answeredAt, byte[] code) {}

    /**
     * Stores the request for the device (recording the device, in {@code vaId}, if it is new). The same request text
     * from the same device again is stored once; returns the id.
     */
    @Transactional
    public long record(NewRequest request, ReportSource source, long vaId) {
        Instant now = clock.instant();
        UsageDevice device = reportingDevices.findOrEnrol(request.device(), vaId, request.hostname(), null, null, now);
        Optional<AuthorizationRequest> same = requests.find("deviceId = ?1 and requestJson = ?2", device.id,
                request.requestJson()).firstResultOptional();
        if (same.isPresent()) {
            return same.get().id;
        }
        AuthorizationRequest r = new AuthorizationRequest();
        r.deviceId = device.id;
        r.requestJson = request.requestJson();
        r.entitlements = request.entitlements().stream().map(e -> e.tag() + "=" + e.count()).collect(Collectors.joining("\n"));
        r.confirmCode = request.confirmCode();
        r.removeCode = request.removeCode();
        r.source = source;
        r.state = AuthorizationState.PENDING;
        r.receivedAt = now;
        requests.persist(r);
        return r.id;
    }

    @Transactional
    public List<RequestView> pending(int limit) {
        return requests.find("state = ?1 order by id", AuthorizationState.PENDING).page(0, limit).list()
                .stream().map(this::view).toList();
    }

    @Transactional
    public int markSent(Collection<Long> ids, String correlation) {
        Instant now = clock.instant();
        int n = 0;
        for (AuthorizationRequest r : requests.list("id in ?1 and state = ?2", ids, AuthorizationState.PENDING)) {
            r.state = AuthorizationState.SENT;
            r.sentAt = now;
            r.correlation = correlation;
            n++;
        }
        return n;
    }

    @Transactional
    public int resetToPending(String correlation) {
        List<AuthorizationRequest> sent = requests.list("correlation = ?1 and state = ?2", correlation, AuthorizationState.SENT);
        sent.forEach(r -> {
            r.state = AuthorizationState.PENDING;
            r.sentAt = null;
            r.correlation = null;
        });
        return sent.size();
    }

    /** The upstream's code for a request, stored byte-exact; the request becomes ANSWERED. */
    @Transactional
    public void recordCode(long requestId, byte[] code) {
        AuthorizationRequest r = requests.findById(requestId);
        if (r == null) {
            throw SatelliteException.notFound("No authorisation request " + requestId);
        }
        if (code == null || code.length == 0) {
            throw SatelliteException.invalid("code", "an authorisation code has content");
        }
        r.codeBytes = code.clone();
        r.answeredAt = clock.instant();
        r.state = AuthorizationState.ANSWERED;
    }

    /** Answered requests of the device whose code has not been delivered yet. */
    @Transactional
    public List<RequestView> undeliveredCodes(DeviceId device) {
        return devices.find(device).map(d -> requests.list("deviceId = ?1 and state = ?2 and deliveredAt is null order by id",
                d.id, AuthorizationState.ANSWERED).stream().map(this::view).toList()).orElse(List.of());
    }

    @Transactional
    public void markDelivered(long requestId, DeliveryPath path) {
        AuthorizationRequest r = requests.findById(requestId);
        if (r == null) {
            throw SatelliteException.notFound("No authorisation request " + requestId);
        }
        r.deliveredAt = clock.instant();
        r.deliveredBy = path.name();
    }

    @Transactional
    public List<RequestView> ofDevice(DeviceId device) {
        return devices.find(device).map(d -> requests.list("deviceId = ?1 order by id", d.id).stream().map(this::view).toList())
                .orElse(List.of());
    }

    private RequestView view(AuthorizationRequest r) {
        UsageDevice d = devices.findById(r.deviceId);
        List<Entitlement> entitlements = r.entitlements.isEmpty() ? List.of() : r.entitlements.lines().map(l -> {
            int eq = l.lastIndexOf('=');
            return new Entitlement(l.substring(0, eq), Long.parseLong(l.substring(eq + 1)));
        }).toList();
        return new RequestView(r.id, d.deviceId(), d.virtualAccountId, r.requestJson, entitlements, r.confirmCode,
                r.removeCode, r.state.name(), r.receivedAt, r.answeredAt, r.codeBytes == null ? null : r.codeBytes.clone());
    }
}
