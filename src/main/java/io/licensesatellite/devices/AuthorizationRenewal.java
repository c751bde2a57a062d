package io.licensesatellite.devices;

import io.licensesatellite.accounts.AccountViews.TagAllocation;
import io.licensesatellite.accounts.AccountViews.TagRequest;
import io.licensesatellite.accounts.LicenseAllocation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Authorises a device's entitlement request: its licences in the VA are replaced by what it asks for now,
 * borrowing from higher tiers where a tag runs short.
 */
@ApplicationScoped
public class AuthorizationRenewal {
    private final ProductInstanceRepository instances;
    private final DeviceEventRepository events;
    private final LicenseAllocation allocation;
    private final DevicesConfig config;
    private final Rejections rejections;
    private final Clock clock;
    private final ClockTolerancePolicy clockTolerance;

    public AuthorizationRenewal(ProductInstanceRepository instances, DeviceEventRepository events,
                                LicenseAllocation allocation, DevicesConfig config, Rejections rejections, Clock clock) {
        this.instances = instances;
        this.events = events;
        this.allocation = allocation;
        this.config = config;
        this.rejections = rejections;
        this.clock = clock;
        this.clockTolerance = new ClockTolerancePolicy(config.clockTolerance());
    }

    @Transactional
    public DeviceOutcome authorize(DeviceCommands.RequestAuthorization command) {
        Instant now = clock.instant();
        if (!clockTolerance.accepts(command.deviceTime(), now)) {
            return rejections.reject(FailureReason.CLOCK_OFFSET, String.valueOf(command.deviceTime().toEpochMilli()));
        }
        ProductInstance instance = instances.findByPiid(command.productInstanceId()).orElse(null);
        if (instance == null) {
            return rejections.reject(FailureReason.NOT_REGISTERED, command.productInstanceId());
        }
        if (!instance.isSameDevice(command.udi())) {
            return rejections.reject(FailureReason.INVALID_DATA, FailureReason.UDI_MISMATCH);
        }
        List<TagRequest> requests = command.entitlements().stream().map(e -> new TagRequest(e.tag(), e.count())).toList();
        List<TagAllocation> allocations = allocation.reserve(instance.virtualAccountId, instance.id, requests);
        boolean compliant = allocations.stream().allMatch(a -> a.shortfall() == 0);
        instance.state = compliant ? InstanceState.AUTHORIZED : InstanceState.OUT_OF_COMPLIANCE;
        instance.authorizedAt = now;
        instance.authorizationExpiresAt = now.plus(config.authorizationValidity());
        instance.lastContactAt = now;
        events.record(instance, compliant ? DeviceEventType.AUTHORIZED : DeviceEventType.OUT_OF_COMPLIANCE,
                allocations.stream().map(a -> a.tag() + " x" + a.requested()
                        + (a.borrowed() > 0 ? " (" + a.borrowed() + " from " + a.borrowedFrom() + ")" : "")
                        + (a.shortfall() > 0 ? " (" + a.shortfall() + " short)" : ""))
                        .collect(Collectors.joining("; ")));
        List<DeviceOutcome.EntitlementGrant> grants = allocations.stream().map(a -> new DeviceOutcome.EntitlementGrant(
                a.tag(), a.requested(), a.coveredExactly(), a.borrowedFrom(), a.borrowed(), a.shortfall())).toList();
        return new DeviceOutcome.Authorized(instance.id, compliant, grants, instance.authorizationExpiresAt,
                config.renewalInterval(), now.plus(config.renewalInterval()));
    }
}
