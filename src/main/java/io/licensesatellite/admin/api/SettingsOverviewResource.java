package io.licensesatellite.admin.api;

import io.licensesatellite.platform.api.Permission;
import io.licensesatellite.platform.api.Requires;
import io.licensesatellite.protocol.smartagent.DeviceDoor;
import io.licensesatellite.protocol.smartagent.DeviceDoorConfig;
import io.licensesatellite.protocol.smartagent.DeviceRequestRoutes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/settings/overview")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Console", description = "Figures the admin console shows")
public class SettingsOverviewResource {
    /** Where Smart Licensing Using Policy devices push (protocol-facts B1). */
    static final String CSLU_PATH = "/cslu/v1/pi";

    private final DeviceDoor door;
    private final DeviceDoorConfig doorConfig;
    private final NtpStatus ntp;
    private final CertificateInventory certificates;
    private final Clock clock;

    public SettingsOverviewResource(DeviceDoor door, DeviceDoorConfig doorConfig, NtpStatus ntp,
                                    CertificateInventory certificates, Clock clock) {
        this.door = door;
        this.doorConfig = doorConfig;
        this.ntp = ntp;
        this.certificates = certificates;
        this.clock = clock;
    }

    public record Overview(DeviceDoorView deviceDoor, ClockView clock, List<CertificateInventory.CertificateView> certificates) {}

    public record DeviceDoorView(DeviceUrls urls, DeviceConfigLines configLines) {}

    public record ClockView(Instant now, Boolean ntpSynchronized, String source) {}

    @GET
    @Requires(Permission.READ)
    @Operation(summary = "Device door URLs and the device configuration lines to paste, the clock and NTP status,"
            + " and every certificate with its expiry")
    public Overview overview(@Context UriInfo uri) {
        String host = doorConfig.publicHost().filter(h -> !h.isBlank()).map(String::trim)
                .orElse(uri.getBaseUri().getHost());
        String base = (doorConfig.tls().enabled() ? "https://" : "http://") + hostForUrl(host) + ":" + door.port();
        DeviceUrls urls = new DeviceUrls(base + DeviceRequestRoutes.CALL_HOME_PATH,
                base + DeviceRequestRoutes.SMART_TRANSPORT_PATH, base + CSLU_PATH);
        NtpStatus.Answer time = ntp.ask();
        return new Overview(new DeviceDoorView(urls, DeviceConfigLines.of(urls)),
                new ClockView(clock.instant(), time.synchronized_(), time.source()), certificates.all());
    }

    /** An IPv6 literal goes in brackets in a URL. */
    static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
