package io.licensesatellite.devices;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The device door's entry into the life cycle. Transient storage failures become the retryable
 * "could not be processed right now" reason; anything else is a fault and propagates.
 */
@ApplicationScoped
public class DeviceRequestService implements DeviceRequests {
    private static final Logger LOG = Logger.getLogger(DeviceRequestService.class);

    private final DeviceRegistration registration;
    private final IdCertificateRenewal renewal;
    private final AuthorizationRenewal authorization;
    private final Deregistration deregistration;
    private final ProductInstanceRepository instances;

    public DeviceRequestService(DeviceRegistration registration, IdCertificateRenewal renewal,
                                AuthorizationRenewal authorization, Deregistration deregistration,
                                ProductInstanceRepository instances) {
        this.registration = registration;
        this.renewal = renewal;
        this.authorization = authorization;
        this.deregistration = deregistration;
        this.instances = instances;
    }

    @Override
    public DeviceOutcome register(DeviceCommands.Register command) {
        return retryable(() -> registration.register(command));
    }

    @Override
    public DeviceOutcome renewIdCertificate(DeviceCommands.RenewIdCertificate command) {
        return retryable(() -> renewal.renew(command));
    }

    @Override
    public DeviceOutcome authorize(DeviceCommands.RequestAuthorization command) {
        return retryable(() -> authorization.authorize(command));
    }

    @Override
    public DeviceOutcome deregister(DeviceCommands.Deregister command) {
        return retryable(() -> deregistration.deregister(command));
    }

    @Override
    @jakarta.transaction.Transactional
    public Optional<DeviceCredential> credential(String productInstanceId, String idCertificateSerial) {
        if (productInstanceId == null || idCertificateSerial == null) {
            return Optional.empty();
        }
        return instances.findByPiid(productInstanceId)
                .filter(i -> idCertificateSerial.equals(i.idCertSerial))
                .map(i -> new DeviceCredential(i.id, i.udi(), i.idCertSerial, Arrays.copyOf(i.publicKey, i.publicKey.length)));
    }

    private static DeviceOutcome retryable(Supplier<DeviceOutcome> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            if (TransientFailures.isTransient(e)) {
                LOG.debugf("Transient storage failure, device asked to retry: %s", e.getClass().getSimpleName());
                return new DeviceOutcome.Rejected(FailureReason.TRY_AGAIN, null);
            }
            throw e;
        }
    }
}
