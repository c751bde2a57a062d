package io.licensesatellite.devices.api;

import io.licensesatellite.devices.DeviceEventRepository.EventFilter;
import io.licensesatellite.devices.ProductInstances;
import io.licensesatellite.platform.PageRequest;
import io.licensesatellite.platform.SatelliteException;
import io.licensesatellite.platform.api.Pages;
import io.licensesatellite.platform.api.Permission;
import io.licensesatellite.platform.api.Requires;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Product instances", description = "Registered devices")
public class EventsResource {
    private final ProductInstances instances;

    public EventsResource(ProductInstances instances) {
        this.instances = instances;
    }

    @GET
    @Requires(Permission.READ)
    @Operation(summary = "The device event log across instances: filter by type, instance, Virtual Account and time"
            + " (from inclusive, to exclusive); newest first by default")
    public Response list(@QueryParam("type") String type, @QueryParam("instanceId") String instanceId,
                         @QueryParam("virtualAccountId") Long vaId, @QueryParam("from") String from,
                         @QueryParam("to") String to, @QueryParam("page") String page,
                         @QueryParam("size") String size, @QueryParam("sort") String sort) {
        PageRequest request = PageRequest.of(page, size, sort, ProductInstances.DEFAULT_EVENT_SORT, ProductInstances.EVENT_SORTS);
        Instant fromInstant = EventQueries.instant("from", from);
        Instant toInstant = EventQueries.instant("to", to);
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            throw SatelliteException.invalid("to", "must be after from");
        }
        String instance = instanceId == null || instanceId.isBlank() ? null : instanceId.trim();
        return Pages.ok(instances.eventLog(new EventFilter(EventQueries.type(type), instance, null, vaId, fromInstant,
                toInstant), request));
    }
}
