package io.licensesatellite.devices;

import io.licensesatellite.accounts.AccountViews.TagAllocation;
import java.time.Instant;
import java.util.List;

public final class InstanceViews {
    private InstanceViews() {}

    public record InstanceSummary(String id, long virtualAccountId, String pid, String serialNumber, String uuid,
                                  String udi, String hostname, String productName, String state,
                                  Instant registeredAt, Instant lastContactAt, Instant idCertificateExpires,
                                  Instant authorizationExpires) {
        static InstanceSummary of(ProductInstance i) {
            return of(i.id, i.virtualAccountId, i.pid, i.serialNumber, i.uuid, i.hostname, i.productName, i.state,
                    i.registeredAt, i.lastContactAt, i.idCertNotAfter, i.authorizationExpiresAt);
        }

        static InstanceSummary of(String id, long vaId, String pid, String serial, String uuid, String hostname,
                                  String productName, InstanceState state, Instant registeredAt, Instant lastContactAt,
                                  Instant idCertNotAfter, Instant authorizationExpiresAt) {
            return new InstanceSummary(id, vaId, pid, serial, uuid, new Udi(pid, serial, uuid).toString(), hostname,
                    productName, state.displayName(), registeredAt, lastContactAt, idCertNotAfter, authorizationExpiresAt);
        }
    }

    public record InstanceDetail(InstanceSummary instance, String softwareVersion, boolean exportControlled,
                                 String idCertificateSerial, String idCertificatePem, List<TagAllocation> licenses,
                                 List<EventView> recentEvents) {}

    public record EventView(long id, String instanceId, String udi, String type, String detail, Instant occurredAt) {
        static EventView of(DeviceEvent e) {
            return new EventView(e.id, e.instanceId, e.udi, e.type.name(), e.detail, e.occurredAt);
        }
    }
}
