package io.licensesatellite.usage.api;

import io.licensesatellite.admin.api.AdminRequestFilters;
import io.licensesatellite.platform.ErrorKind;
import io.licensesatellite.platform.SatelliteException;
import io.licensesatellite.platform.api.PageOf;
import io.licensesatellite.platform.api.Permission;
import io.licensesatellite.platform.api.Requires;
import io.licensesatellite.protocol.cslu.SmartLicenseFile;
import io.licensesatellite.protocol.cslu.SmartLicenseFileReader;
import io.licensesatellite.protocol.cslu.UsageFileException;
import io.licensesatellite.usage.AckFile;
import io.licensesatellite.usage.DeliveryPath;
import io.licensesatellite.usage.DeviceId;
import io.licensesatellite.usage.ReportSource;
import io.licensesatellite.usage.ReportState;
import io.licensesatellite.usage.RumInput;
import io.licensesatellite.usage.UsageAcknowledgements;
import io.licensesatellite.usage.UsageFileImport;
import io.licensesatellite.usage.UsageQueries;
import io.licensesatellite.usage.UsageRefusal;
import io.licensesatellite.usage.UsageViews;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/usage")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Usage", description = "Smart Licensing Using Policy: usage reports, device files, acknowledgements, daily usage")
public class UsageResource {
    private final UsageFileImport files;
    private final UsageAcknowledgements acknowledgements;
    private final UsageQueries queries;
    private final SmartLicenseFileReader reader = new SmartLicenseFileReader(SmartLicenseFileReader.Limits.DEFAULTS);

    public UsageResource(UsageFileImport files, UsageAcknowledgements acknowledgements, UsageQueries queries) {
        this.files = files;
        this.acknowledgements = acknowledgements;
        this.queries = queries;
    }

    /**
     * A file that was taken. Refused reports are not listed here: a file is all or nothing, so any refusal is a
     * problem answer naming every refused report in its {@code errors}.
     */
    public record FileResult(int reportsStored, int duplicates, List<DeviceView> devices, int authorizationRequests) {}

    public record DeviceView(String pid, String serialNumber) {}

    @POST
    @Path("/files")
    @Consumes({MediaType.APPLICATION_XML, MediaType.TEXT_XML, MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Requires(Permission.SYNC_RUN)
    @Operation(summary = "Upload a file a device saved (license smart save usage, or a SLAC request file); all or nothing")
    public FileResult upload(byte[] body, @QueryParam("virtualAccountId") Long virtualAccountId,
                             @Context ContainerRequestContext request) {
        if (body == null || body.length == 0) {
            throw SatelliteException.invalid("body", "the file is empty");
        }
        SmartLicenseFile file;
        try {
            file = reader.read(body);
        } catch (UsageFileException e) {
            throw new SatelliteException(e.kind(), e.getMessage());
        }
        List<RumInput> reports = file.rumReports().stream().map(RumInput::raw).toList();
        UsageFileImport.Result result = files.upload(new UsageFileImport.Upload(file.device(), file.hostname(), reports,
                file.authorizationRequests()), virtualAccountId, String.valueOf(request.getProperty(AdminRequestFilters.ACTOR)));
        if (!result.refused().isEmpty()) {
            UsageFileImport.Refusal first = result.refused().get(0);
            throw new SatelliteException(kindOf(first.reason()), "RUMReport " + first.index() + ": " + first.detail(),
                    result.refused().stream().map(r -> new SatelliteException.FieldError("RUMReport[" + r.index() + "]",
                            r.reason().slug() + ": " + r.detail())).toList());
        }
        return new FileResult(result.reportsStored(), result.duplicates(),
                result.devices().stream().map(d -> new DeviceView(d.pid(), d.serialNumber())).toList(), result.authorizationRequests());
    }

    @GET
    @Path("/ack-file")
    @Produces({MediaType.APPLICATION_XML, "application/problem+json"})
    @Requires(Permission.SYNC_RUN)
    @Operation(summary = "The ACK file for license smart import on the device: the oldest not delivered yet (one per file;"
            + " X-Usage-Acks-Remaining says how many more wait), else the latest")
    public Response ackFile(@QueryParam("pid") String pid, @QueryParam("serial") String serial) {
        DeviceId device = device(pid, serial);
        UsageAcknowledgements.Download download = acknowledgements.nextDownload(device).orElseThrow(() -> new SatelliteException(
                ErrorKind.USAGE_ACK_NOT_READY, "No acknowledgement has arrived for " + device + " yet; synchronise usage with the upstream first"));
        AckFile file = download.file();
        acknowledgements.markDelivered(file.ackId(), DeliveryPath.FILE_DOWNLOAD);
        return Response.ok(file.importFile(), MediaType.APPLICATION_XML)
                .header("Content-Disposition", "attachment; filename=\"" + file.fileName() + "\"")
                .header("X-Usage-Acks-Remaining", download.remaining())
                .header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("/reports")
    @Requires(Permission.READ)
    @Operation(summary = "Usage reports, newest first by default")
    public PageOf<UsageViews.ReportSummary> reports(@QueryParam("pid") String pid, @QueryParam("serial") String serial,
                                                    @QueryParam("virtualAccountId") Long virtualAccountId,
                                                    @QueryParam("state") String state, @QueryParam("source") String source,
                                                    @QueryParam("page") @DefaultValue("0") int page,
                                                    @QueryParam("size") @DefaultValue("50") int size,
                                                    @QueryParam("sort") @DefaultValue("-receivedAt") String sort) {
        if (!"-receivedAt".equals(sort) && !"receivedAt".equals(sort)) {
            throw SatelliteException.invalid("sort", "receivedAt or -receivedAt");
        }
        UsageViews.Page<UsageViews.ReportSummary> p = queries.reports(new UsageQueries.ReportFilter(blank(pid), blank(serial),
                virtualAccountId, parse(ReportState.class, "state", state), parse(ReportSource.class, "source", source)),
                page, size, sort.startsWith("-"));
        return new PageOf<>(p.items(), p.page(), p.size(), p.total());
    }

    @GET
    @Path("/reports/{id}")
    @Requires(Permission.READ)
    @Operation(summary = "A usage report with its payload exactly as received")
    public UsageViews.ReportDetail report(@PathParam("id") long id) {
        return queries.report(id).orElseThrow(() -> new SatelliteException(ErrorKind.USAGE_REPORT_NOT_FOUND, "No usage report " + id));
    }

    @GET
    @Path("/daily")
    @Requires(Permission.READ)
    @Operation(summary = "Usage per UTC day and tag: the sum over devices of each device's peak that day")
    public List<UsageViews.DailyUsage> daily(@QueryParam("virtualAccountId") Long virtualAccountId, @QueryParam("tag") String tag,
                                             @QueryParam("pid") String pid, @QueryParam("serial") String serial,
                                             @QueryParam("from") String from, @QueryParam("to") String to) {
        return queries.daily(new UsageQueries.DailyQuery(virtualAccountId, blank(tag), blank(pid), blank(serial),
                date("from", from), date("to", to)));
    }

    @GET
    @Path("/devices")
    @Requires(Permission.READ)
    @Operation(summary = "Devices that report usage")
    public PageOf<UsageViews.DeviceSummary> devices(@QueryParam("virtualAccountId") Long virtualAccountId,
                                                    @QueryParam("pid") String pid, @QueryParam("serial") String serial,
                                                    @QueryParam("page") @DefaultValue("0") int page,
                                                    @QueryParam("size") @DefaultValue("50") int size) {
        UsageViews.Page<UsageViews.DeviceSummary> p = queries.devices(new UsageQueries.DeviceFilter(virtualAccountId, blank(pid),
                blank(serial)), page, size);
        return new PageOf<>(p.items(), p.page(), p.size(), p.total());
    }

    static ErrorKind kindOf(UsageRefusal reason) {
        return switch (reason) {
            case NOT_JSON -> ErrorKind.USAGE_REPORT_NOT_JSON;
            case NOT_MODEL, NOT_STORED_WITH_OTHERS -> ErrorKind.USAGE_REPORT_INVALID;
            case IDENTITY_MISMATCH -> ErrorKind.USAGE_REPORT_IDENTITY_MISMATCH;
            case IN_THE_FUTURE -> ErrorKind.USAGE_REPORT_IN_FUTURE;
            case BAD_COUNT -> ErrorKind.USAGE_REPORT_BAD_COUNT;
            case OUT_OF_BOUNDS -> ErrorKind.USAGE_REPORT_OUT_OF_BOUNDS;
            case CONFLICT -> ErrorKind.USAGE_REPORT_CONFLICT;
            case UNKNOWN_VIRTUAL_ACCOUNT -> ErrorKind.USAGE_UNKNOWN_VIRTUAL_ACCOUNT;
        };
    }

    private static DeviceId device(String pid, String serial) {
        if (blank(pid) == null || blank(serial) == null) {
            throw SatelliteException.invalid(blank(pid) == null ? "pid" : "serial", "required");
        }
        return new DeviceId(pid, serial);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            throw SatelliteException.invalid(field, "required (yyyy-mm-dd)");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw SatelliteException.invalid(field, "a date yyyy-mm-dd is expected");
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw SatelliteException.invalid(field, "one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
