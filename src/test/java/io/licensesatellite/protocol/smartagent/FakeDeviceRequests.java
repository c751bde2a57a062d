package io.licensesatellite.protocol.smartagent;

import io.licensesatellite.devices.DeviceCommands;
import io.licensesatellite.devices.DeviceCredential;
import io.licensesatellite.devices.DeviceOutcome;
import io.licensesatellite.devices.DeviceOutcome.EntitlementGrant;
import io.licensesatellite.devices.DeviceOutcome.Rejected;
import io.licensesatellite.devices.DeviceRequests;
import io.licensesatellite.devices.FailureReason;
import io.licensesatellite.devices.Udi;
import io.licensesatellite.pki.IdCertificateRequest;
import io.licensesatellite.pki.IssuedCertificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The device life cycle in memory, just rich enough to drive the door: tokens, UDIs, ID certificates,
 * a licence pool per tag. Tests can make the next call return a given outcome or throw.
 */
public final class FakeDeviceRequests implements DeviceRequests {
    public static final String TOKEN = "ODk3ZjFkZDctYmI1Ni00MzI3LWE3NTMtMGI1NmNkMDVkZjBmLTE3MjE2NTM4NTE1NDB8";
    public static final Duration REGISTRATION_VALIDITY = Duration.ofDays(365);
    public static final Duration ID_RENEWAL = Duration.ofDays(180);
    public static final Duration AUTHORIZATION_VALIDITY = Duration.ofDays(90);
    public static final Duration RENEWAL_INTERVAL = Duration.ofDays(30);

    private record Device(String productInstanceId, Udi udi, String idCertificateSerial, byte[] publicKeyDer) {}

    private final Clock clock;
    private final FakeSatelliteKeys keys;
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> pool = new ConcurrentHashMap<>();
    private final Map<String, Device> devices = new ConcurrentHashMap<>();
    private final List<Object> commands = new CopyOnWriteArrayList<>();
    private volatile Supplier<DeviceOutcome> next;

    public FakeDeviceRequests(Clock clock, FakeSatelliteKeys keys) {
        this.clock = clock;
        this.keys = keys;
        tokens.add(TOKEN);
    }

    public FakeDeviceRequests withLicences(String tag, int count) {
        pool.put(tag, count);
        return this;
    }

    /** The next life-cycle call returns what {@code outcome} supplies (or throws what it throws). */
    public void answerNextWith(Supplier<DeviceOutcome> outcome) {
        next = outcome;
    }

    public List<Object> commands() {
        return Collections.unmodifiableList(commands);
    }

    @SuppressWarnings("unchecked")
    public <T> T lastCommand(Class<T> type) {
        for (int i = commands.size() - 1; i >= 0; i--) {
            if (type.isInstance(commands.get(i))) {
                return (T) commands.get(i);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " received");
    }

    public int registeredDevices() {
        return devices.size();
    }

    @Override
    public DeviceOutcome register(DeviceCommands.Register command) {
        commands.add(command);
        DeviceOutcome override = takeOverride();
        if (override != null) {
            return override;
        }
        if (!tokens.contains(command.token())) {
            return new Rejected(FailureReason.TOKEN_UNKNOWN, null);
        }
        Optional<Device> existing = devices.values().stream()
                .filter(d -> d.udi().pid().equals(command.udi().pid()) && d.udi().serialNumber().equals(command.udi().serialNumber()))
                .findFirst();
        if (existing.isPresent() && !command.force()) {
            return new Rejected(FailureReason.ALREADY_REGISTERED, null);
        }
        existing.ifPresent(d -> devices.remove(d.productInstanceId()));
        String instance = UUID.randomUUID().toString();
        IssuedCertificate certificate = keys.issueIdCertificate(new IdCertificateRequest(command.udi().pid(), instance, command.publicKeyDer()));
        devices.put(instance, new Device(instance, command.udi(), certificate.serial(), command.publicKeyDer()));
        Instant now = clock.instant();
        return new DeviceOutcome.Registered(instance, "Example Smart Account", "Default", command.exportControlledRequested(),
                certificate.pem(), certificate.serial(), now.plus(REGISTRATION_VALIDITY), now.plus(ID_RENEWAL));
    }

    @Override
    public DeviceOutcome renewIdCertificate(DeviceCommands.RenewIdCertificate command) {
        commands.add(command);
        DeviceOutcome override = takeOverride();
        if (override != null) {
            return override;
        }
        Device device = devices.get(command.productInstanceId());
        if (device == null) {
            return new Rejected(FailureReason.NOT_REGISTERED, command.productInstanceId());
        }
        byte[] key = command.publicKeyDer() != null ? command.publicKeyDer() : device.publicKeyDer();
        IssuedCertificate certificate = keys.issueIdCertificate(new IdCertificateRequest(device.udi().pid(), device.productInstanceId(), key));
        devices.put(device.productInstanceId(), new Device(device.productInstanceId(), device.udi(), certificate.serial(), key));
        Instant now = clock.instant();
        return new DeviceOutcome.IdCertificateRenewed(device.productInstanceId(), certificate.pem(), certificate.serial(),
                now.plus(REGISTRATION_VALIDITY), now.plus(ID_RENEWAL));
    }

    @Override
    public DeviceOutcome authorize(DeviceCommands.RequestAuthorization command) {
        commands.add(command);
        DeviceOutcome override = takeOverride();
        if (override != null) {
            return override;
        }
        List<EntitlementGrant> grants = new ArrayList<>();
        for (DeviceCommands.EntitlementRequest request : command.entitlements()) {
            int covered = Math.min(request.count(), pool.getOrDefault(request.tag(), 0));
            grants.add(new EntitlementGrant(request.tag(), request.count(), covered, null, 0, request.count() - covered));
        }
        Instant now = clock.instant();
        return new DeviceOutcome.Authorized(command.productInstanceId(), grants.stream().allMatch(EntitlementGrant::compliant),
                grants, now.plus(AUTHORIZATION_VALIDITY), RENEWAL_INTERVAL, now.plus(RENEWAL_INTERVAL));
    }

    @Override
    public DeviceOutcome deregister(DeviceCommands.Deregister command) {
        commands.add(command);
        DeviceOutcome override = takeOverride();
        if (override != null) {
            return override;
        }
        devices.remove(command.productInstanceId());
        return new DeviceOutcome.Deregistered(command.productInstanceId());
    }

    @Override
    public Optional<DeviceCredential> credential(String productInstanceId, String idCertificateSerial) {
        Device device = devices.get(productInstanceId);
        if (device == null || !device.idCertificateSerial().equals(idCertificateSerial)) {
            return Optional.empty();
        }
        return Optional.of(new DeviceCredential(device.productInstanceId(), device.udi(), device.idCertificateSerial(), device.publicKeyDer()));
    }

    private DeviceOutcome takeOverride() {
        Supplier<DeviceOutcome> supplier = next;
        next = null;
        return supplier == null ? null : supplier.get();
    }
}
