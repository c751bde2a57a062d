package io.licensesatellite.accounts.api;

import io.licensesatellite.accounts.AccountViews.ComplianceRow;
import io.licensesatellite.accounts.AccountViews.LicensePoolView;
import io.licensesatellite.accounts.AccountViews.NewLicensePool;
import io.licensesatellite.accounts.AccountViews.SmartAccountView;
import io.licensesatellite.accounts.AccountViews.VirtualAccountView;
import io.licensesatellite.accounts.LicenseAllocation;
import io.licensesatellite.accounts.LicenseHistory;
import io.licensesatellite.accounts.VirtualAccounts;
import io.licensesatellite.platform.PageRequest;
import io.licensesatellite.platform.SatelliteException;
import io.licensesatellite.platform.api.PageOf;
import io.licensesatellite.platform.api.Permission;
import io.licensesatellite.platform.api.Requires;
import jakarta.ws.rs.QueryParam;
import io.licensesatellite.platform.api.Bodies;
import io.licensesatellite.platform.api.Permission;
import io.licensesatellite.platform.api.Requires;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts", description = "Smart Account, Virtual Accounts, licence pools and compliance")
public class VirtualAccountsResource {
    private final VirtualAccounts accounts;
    private final LicenseAllocation allocation;
    private final LicenseHistory history;

    public VirtualAccountsResource(VirtualAccounts accounts, LicenseAllocation allocation, LicenseHistory history) {
        this.accounts = accounts;
        this.history = history;
        this.allocation = allocation;
    }

    public record NameRequest(String name, String description) {}

    @Requires(Permission.READ)
    @GET
    @Path("/smart-account")
    @Operation(summary = "The Smart Account this satellite serves")
    public SmartAccountView smartAccount() {
        return accounts.smartAccount().orElseThrow(() -> SatelliteException.notFound("No Smart Account has been named yet"));
    }

    @Requires(Permission.ACCOUNTS_WRITE)
    @PUT
    @Path("/smart-account")
    @Operation(summary = "Name the Smart Account (until the upstream binds it)")
    public SmartAccountView nameSmartAccount(NameRequest body) {
        return accounts.nameSmartAccount(Bodies.required(body).name());
    }

    @Requires(Permission.ACCOUNTS_WRITE)
    @POST
    @Path("/virtual-accounts")
    @Operation(summary = "Create a Virtual Account")
    public Response create(NameRequest body, @jakarta.ws.rs.core.Context UriInfo uri) {
        NameRequest request = Bodies.required(body);
        VirtualAccountView created = accounts.create(request.name(), request.description());
        return Response.created(uri.getBaseUriBuilder().path("api/v1/virtual-accounts/{id}").build(created.id())).entity(created).build();
    }

    @Requires(Permission.READ)
    @GET
    @Path("/virtual-accounts")
    @Operation(summary = "List Virtual Accounts: filter by name (substring, any case), sort by name or id ('-' for descending)")
    public PageOf<VirtualAccountView> list(@QueryParam("name") String name, @QueryParam("page") String page,
                                           @QueryParam("size") String size, @QueryParam("sort") String sort) {
        return accounts.page(name, PageRequest.of(page, size, sort, "name", VirtualAccounts.SORTS));
    }

    @Requires(Permission.READ)
    @GET
    @Path("/virtual-accounts/{id}")
    public VirtualAccountView get(@PathParam("id") long id) {
        return accounts.get(id);
    }

    @Requires(Permission.ACCOUNTS_WRITE)
    @POST
    @Path("/virtual-accounts/{id}/licenses")
    @Operation(summary = "Add a locally entered licence pool to a Virtual Account")
    public Response addLicense(@PathParam("id") long id, NewLicensePool body) {
        return Response.status(Response.Status.CREATED).entity(accounts.addLicense(id, Bodies.required(body))).build();
    }

    @Requires(Permission.READ)
    @GET
    @Path("/virtual-accounts/{id}/licenses")
    public List<LicensePoolView> licenses(@PathParam("id") long id) {
        return accounts.licenses(id);
    }

    @Requires(Permission.READ)
    @GET
    @Path("/virtual-accounts/{id}/license-history")
    @Operation(summary = "Licence use per UTC day: purchased, in use, borrowed per tag; from and to (dates, both"
            + " included) default to the last 90 days and may span at most two years")
    public List<LicenseHistory.DayFigures> licenseHistory(@PathParam("id") long id, @QueryParam("tag") String tag,
                                                          @QueryParam("from") String from, @QueryParam("to") String to) {
        return history.history(id, tag, date("from", from), date("to", to));
    }

    private static java.time.LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.time.LocalDate.parse(value.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw SatelliteException.invalid(field, "a date such as 2026-01-31");
        }
    }

    @GET
    @Path("/virtual-accounts/{id}/compliance")
    @Operation(summary = "Per tag: purchased, in use, lent to lower tiers, borrowed from higher tiers, balance")
    public List<ComplianceRow> compliance(@PathParam("id") long id) {
        accounts.get(id);
        return allocation.compliance(id);
    }
}
