package io.licensesatellite.usage.api;

import io.licensesatellite.platform.api.PageOf;
import io.licensesatellite.platform.api.Permission;
import io.licensesatellite.platform.api.Requires;
import io.licensesatellite.usage.DeviceDeadline;
import io.licensesatellite.usage.UsageDeadlines;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/usage/deadlines")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Usage", description = "Smart Licensing Using Policy: reports, acknowledgements, deadlines")
public class UsageDeadlinesResource {
    private final UsageDeadlines deadlines;

    public UsageDeadlinesResource(UsageDeadlines deadlines) {
        this.deadlines = deadlines;
    }

    @GET
    @Requires(Permission.READ)
    @Operation(summary = "Each policy device's next report due and acknowledgement deadline, nearest first")
    public PageOf<DeviceDeadline> list(@QueryParam("virtualAccountId") Long virtualAccountId,
                                       @QueryParam("page") @DefaultValue("0") int page,
                                       @QueryParam("size") @DefaultValue("50") int size) {
        var found = deadlines.page(virtualAccountId, page, size);
        return new PageOf<>(found.items(), found.page(), found.size(), found.total());
    }
}
