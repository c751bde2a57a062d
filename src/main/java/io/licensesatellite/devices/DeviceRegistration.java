package io.licensesatellite.devices;

import io.licensesatellite.accounts.LicenseAllocation;
import io.licensesatellite.accounts.VirtualAccounts;
import io.licensesatellite.pki.IdCertificateRequest;
import io.licensesatellite.pki.IssuedCertificate;
import io.licensesatellite.pki.SatelliteKeys;
import io.licensesatellite.tokens.RegistrationTokens;
import io.licensesatellite.tokens.RegistrationTokens.RedemptionResult;
import io.licensesatellite.tokens.TokenRefusal;
import io.licensesatellite.tokens.TokenViews.Redemption;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Registers a device with an ID token: checks the token, records the instance, issues its ID certificate, and
 * claims the token use last so the token row is locked only for the commit.
 */
@ApplicationScoped
public class DeviceRegistration {
    static final int MAX_COMMON_NAME = 64;

    private final RegistrationTokens tokens;
    private final ProductInstanceRepository instances;
    private final DeviceEventRepository events;
    private final LicenseAllocation allocation;
    private final VirtualAccounts accounts;
    private final SatelliteKeys keys;
    private final DevicesConfig config;
    private final Rejections rejections;
    private final Clock clock;
    private final ClockTolerancePolicy clockTolerance;
    private final java.time.Duration renewAfter;

    public DeviceRegistration(RegistrationTokens tokens, ProductInstanceRepository instances, DeviceEventRepository events,
                              LicenseAllocation allocation, VirtualAccounts accounts, SatelliteKeys keys,
                              DevicesConfig config, io.licensesatellite.pki.PkiConfig pki, Rejections rejections, Clock clock) {
        this.tokens = tokens;
        this.instances = instances;
        this.events = events;
        this.allocation = allocation;
        this.accounts = accounts;
        this.keys = keys;
        this.config = config;
        this.rejections = rejections;
        this.clock = clock;
        this.clockTolerance = new ClockTolerancePolicy(config.clockTolerance());
        this.renewAfter = pki.idCertificateRenewAfter();
    }

    @Transactional
    public DeviceOutcome register(DeviceCommands.Register command) {
        Instant now = clock.instant();
        if (!clockTolerance.accepts(command.deviceTime(), now)) {
            return rejections.reject(FailureReason.CLOCK_OFFSET, String.valueOf(command.deviceTime().toEpochMilli()));
        }
        RedemptionResult result = tokens.check(command.token(), now);
        if (result instanceof RedemptionResult.Refused refused) {
            return rejections.reject(reasonFor(refused.reason()), null);
        }
        Redemption redemption = ((RedemptionResult.Accepted) result).redemption();
        if (command.exportControlledRequested() && !redemption.exportControlled()) {
            return rejections.reject(FailureReason.EXPORT_CONTROL_NOT_ALLOWED, null);
        }
        Optional<ProductInstance> existing = instances.findByUdi(command.udi().pid(), command.udi().serialNumber());
        boolean replacing = existing.isPresent();
        if (replacing) {
            if (!command.force()) {
                return rejections.reject(FailureReason.ALREADY_REGISTERED, command.udi().toString());
            }
            ProductInstance old = existing.get();
            allocation.releaseAll(old.id);
            events.record(old, DeviceEventType.REREGISTERED, "replaced by a forced registration");
            instances.remove(old);
            instances.flush();
        }
        ProductInstance instance = new ProductInstance();
        instance.id = UUID.randomUUID().toString();
        instance.virtualAccountId = redemption.virtualAccountId();
        instance.tokenId = redemption.tokenId();
        instance.pid = command.udi().pid();
        instance.serialNumber = command.udi().serialNumber();
        instance.uuid = command.udi().uuid();
        instance.hostname = command.hostname();
        instance.productName = command.productName();
        instance.softwareVersion = command.softwareVersion();
        instance.state = InstanceState.REGISTERED;
        instance.exportControlled = redemption.exportControlled();
        instance.publicKey = command.publicKeyDer();
        IssuedCertificate certificate = keys.issueIdCertificate(new IdCertificateRequest(
                commonName(command.productName(), command.udi().pid()), instance.id, command.publicKeyDer()));
        instance.idCertSerial = certificate.serial();
        instance.idCertPem = certificate.pem();
        instance.idCertNotAfter = certificate.notAfter();
        instance.registeredAt = now;
        instance.lastContactAt = now;
        instances.persist(instance);
        events.record(instance, DeviceEventType.REGISTERED, (replacing ? "forced registration" : "registration")
                + " with token #" + redemption.tokenId());
        Optional<TokenRefusal> lostRace = tokens.claimUse(redemption.tokenId(), now);
        if (lostRace.isPresent()) {
            return rejections.reject(reasonFor(lostRace.get()), null);
        }
        var names = accounts.names(instance.virtualAccountId);
        return new DeviceOutcome.Registered(instance.id, names.smartAccount(), names.virtualAccount(),
                instance.exportControlled, certificate.pem(), certificate.serial(), certificate.notAfter(),
                certificate.notBefore().plus(renewAfter));
    }

    private static FailureReason reasonFor(TokenRefusal refusal) {
        return switch (refusal) {
            case UNKNOWN -> FailureReason.TOKEN_UNKNOWN;
            case REVOKED -> FailureReason.TOKEN_REVOKED;
            case EXPIRED -> FailureReason.TOKEN_EXPIRED;
            case USED_UP -> FailureReason.TOKEN_USED_UP;
        };
    }

    /** The certificate's CN: the product name, else the PID, cut to the 64 characters X.520 allows. */
    static String commonName(String productName, String pid) {
        String name = productName == null || productName.isBlank() ? pid : productName.strip();
        return name.length() <= MAX_COMMON_NAME ? name : name.substring(0, MAX_COMMON_NAME);
    }
}
