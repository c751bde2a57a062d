package io.licensesatellite.usage.pull.api;

import io.licensesatellite.platform.api.Permission;
import io.licensesatellite.platform.api.Requires;
import io.licensesatellite.usage.pull.DevicePull;
import io.licensesatellite.usage.pull.PullSummary;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/usage/pull")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Usage pull", description = "Devices the satellite pulls usage reports from (Smart Licensing Using Policy, pull mode)")
public class PullRunResource {
    private final DevicePull pull;
    private final Clock clock;

    public PullRunResource(DevicePull pull, Clock clock) {
        this.pull = pull;
        this.clock = clock;
    }

    @POST
    @Requires(Permission.INSTANCES_WRITE)
    @Operation(summary = "Pull every enabled device whose interval has passed, now, and say how each went")
    public PullSummary pullDue() {
        return pull.pullDue(clock.instant());
    }
}
