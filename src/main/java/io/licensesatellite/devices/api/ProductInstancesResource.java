package io.licensesatellite.devices.api;

import io.licensesatellite.admin.api.AdminRequestFilters;
import io.licensesatellite.devices.InstanceState;
import io.licensesatellite.devices.InstanceViews.InstanceDetail;
import io.licensesatellite.devices.ProductInstanceRepository;
import io.licensesatellite.devices.ProductInstances;
import io.licensesatellite.platform.PageRequest;
import io.licensesatellite.platform.SatelliteException;
import io.licensesatellite.platform.api.Pages;
import io.licensesatellite.platform.api.Permission;
import io.licensesatellite.platform.api.Requires;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/product-instances")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Product instances", description = "Registered devices")
public class ProductInstancesResource {
    private final ProductInstances instances;

    public ProductInstancesResource(ProductInstances instances) {
        this.instances = instances;
    }

    @Requires(Permission.READ)
    @GET
    @Operation(summary = "Search product instances by state, Virtual Account, PID, serial number, hostname (substring);"
            + " sort by hostname, pid, serialNumber, state, lastContactAt, registeredAt (prefix '-' for descending)")
    public Response search(@QueryParam("state") String state, @QueryParam("virtualAccountId") Long vaId,
                           @QueryParam("pid") String pid, @QueryParam("serialNumber") String serial,
                           @QueryParam("hostname") String hostname, @QueryParam("page") String page,
                           @QueryParam("size") String size, @QueryParam("sort") String sort) {
        PageRequest request = PageRequest.of(page, size, sort, ProductInstances.DEFAULT_SORT, ProductInstances.SORTS);
        return Pages.ok(instances.search(new ProductInstanceRepository.Filter(state(state), vaId, blankToNull(pid),
                blankToNull(serial), blankToNull(hostname)), request));
    }

    @Requires(Permission.READ)
    @GET
    @Path("/{id}")
    @Operation(summary = "One instance with its licences, certificate expiry, last contact and recent events")
    public InstanceDetail detail(@PathParam("id") String id) {
        return instances.detail(id);
    }

    @Requires(Permission.READ)
    @GET
    @Path("/{id}/events")
    @Operation(summary = "A device's event history across re-registrations, newest first")
    public Response events(@PathParam("id") String id, @QueryParam("type") String type,
                           @QueryParam("page") String page, @QueryParam("size") String size,
                           @QueryParam("sort") String sort) {
        PageRequest request = PageRequest.of(page, size, sort, ProductInstances.DEFAULT_EVENT_SORT, ProductInstances.EVENT_SORTS);
        return Pages.ok(instances.events(id, EventQueries.type(type), request));
    }

    @Requires(Permission.INSTANCES_WRITE)
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove an instance: its licences go back to the pool; the device must register again")
    public Response remove(@PathParam("id") String id, @Context ContainerRequestContext request) {
        instances.remove(id, String.valueOf(request.getProperty(AdminRequestFilters.ACTOR)));
        return Response.noContent().build();
    }

    private static InstanceState state(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String normal = value.trim().toUpperCase(Locale.ROOT).replace(' ', '_');
        return Arrays.stream(InstanceState.values()).filter(s -> s.name().equals(normal)).findFirst()
                .orElseThrow(() -> SatelliteException.invalid("state", "one of " + Arrays.toString(InstanceState.values())));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
