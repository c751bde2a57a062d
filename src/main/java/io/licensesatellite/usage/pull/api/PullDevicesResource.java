package io.licensesatellite.usage.pull.api;

import io.licensesatellite.platform.SatelliteException;
import io.licensesatellite.platform.api.Bodies;
import io.licensesatellite.platform.api.PageOf;
import io.licensesatellite.platform.api.Permission;
import io.licensesatellite.platform.api.Requires;
import io.licensesatellite.usage.pull.DevicePull;
import io.licensesatellite.usage.pull.PullDeviceView;
import io.licensesatellite.usage.pull.PullDevices;
import io.licensesatellite.usage.pull.PullDevices.DeviceSpec;
import io.licensesatellite.usage.pull.PullOutcome;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/usage/pull-devices")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
// Its own root path: the usage store's resource holds /api/v1/usage, and one class per root keeps matching plain.
@Tag(name = "Usage pull", description = "Devices the satellite pulls usage reports from (Smart Licensing Using Policy, pull mode)")
public class PullDevicesResource {
    private static final int MAX_PAGE_SIZE = 500;

    private final PullDevices devices;
    private final DevicePull pull;

    public PullDevicesResource(PullDevices devices, DevicePull pull) {
        this.devices = devices;
        this.pull = pull;
    }

    /** A range of devices sharing credentials and settings; the range gives the addresses. */
    public record RangeRequest(String range, Integer port, String scheme, String username, String password,
                               Long virtualAccountId, String tlsMode, String caPem, Boolean enabled) {
        @Override
        public String toString() {
            return "RangeRequest[" + range + "]";
        }

        DeviceSpec spec() {
            return new DeviceSpec(null, port, scheme, username, password, virtualAccountId, tlsMode, caPem, enabled);
        }
    }

    /** A change: null fields stay as they are; {@code forgetFingerprint} lets the next pull pin the device anew. */
    public record UpdateRequest(String address, Integer port, String scheme, String username, String password,
                                Long virtualAccountId, String tlsMode, String caPem, Boolean enabled, Boolean forgetFingerprint) {
        @Override
        public String toString() {
            return "UpdateRequest[" + address + ":" + port + "]";
        }

        DeviceSpec spec() {
            return new DeviceSpec(address, port, scheme, username, password, virtualAccountId, tlsMode, caPem, enabled);
        }
    }

    @GET
    @Requires(Permission.READ)
    @Operation(summary = "Devices pulled for usage, with how their last pull went; never their passwords")
    public PageOf<PullDeviceView> list(@QueryParam("virtualAccountId") Long virtualAccountId,
                                       @QueryParam("lastResult") String lastResult,
                                       @QueryParam("enabled") Boolean enabled,
                                       @QueryParam("page") @DefaultValue("0") int page,
                                       @QueryParam("size") @DefaultValue("50") int size,
                                       @QueryParam("sort") String sort) {
        if (page < 0) {
            throw SatelliteException.invalid("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw SatelliteException.invalid("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        return devices.list(virtualAccountId, lastResult, enabled, page, size, sort);
    }

    @POST
    @Requires(Permission.INSTANCES_WRITE)
    @Operation(summary = "Add a device to pull: address, port (443), https, a privilege-15 user, TLS trust (pinned, ca or insecure)")
    public Response add(DeviceSpec body, @Context UriInfo uri) {
        PullDeviceView added = devices.add(Bodies.required(body));
        return Response.created(uri.getBaseUriBuilder().path("api/v1/usage/pull-devices/{id}").build(added.id()))
                .entity(added).build();
    }

    @POST
    @Path("/range")
    @Requires(Permission.INSTANCES_WRITE)
    @Operation(summary = "Add every address of an IPv4 range (a-b or CIDR, at most 4096) with the same settings")
    public Response addRange(RangeRequest body) {
        RangeRequest request = Bodies.required(body);
        return Response.status(Response.Status.CREATED).entity(devices.addRange(request.range(), request.spec())).build();
    }

    @GET
    @Path("/{id}")
    @Requires(Permission.READ)
    public PullDeviceView get(@PathParam("id") long id) {
        return devices.get(id);
    }

    @PUT
    @Path("/{id}")
    @Requires(Permission.INSTANCES_WRITE)
    @Operation(summary = "Change a pulled device; fields left out keep their value")
    public PullDeviceView update(@PathParam("id") long id, UpdateRequest body) {
        UpdateRequest request = Bodies.required(body);
        return devices.update(id, request.spec(), Boolean.TRUE.equals(request.forgetFingerprint()));
    }

    @DELETE
    @Path("/{id}")
    @Requires(Permission.INSTANCES_WRITE)
    @Operation(summary = "Stop pulling a device (its reports already kept stay)")
    public Response delete(@PathParam("id") long id) {
        devices.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/pull")
    @Requires(Permission.INSTANCES_WRITE)
    @Operation(summary = "Pull this device now and say how it went")
    public PullOutcome pullNow(@PathParam("id") long id) {
        return pull.pullNow(id);
    }
}
