package io.licensesatellite.sync.file;

import io.licensesatellite.sync.file.SyncRequestFile.AuthorizationRequest;
import io.licensesatellite.sync.file.SyncRequestFile.Entitlement;
import io.licensesatellite.sync.file.SyncRequestFile.Event;
import io.licensesatellite.sync.file.SyncRequestFile.UsageReport;
import io.licensesatellite.sync.file.SyncRequestFile.Header;
import io.licensesatellite.sync.file.SyncRequestFile.Instance;
import io.licensesatellite.sync.file.SyncRequestFile.LicenseInUse;
import io.licensesatellite.sync.file.SyncRequestFile.Payload;
import io.licensesatellite.sync.file.SyncRequestFile.TagUsage;
import io.licensesatellite.sync.file.SyncRequestFile.VirtualAccountUsage;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The {@code sync-request} file of docs/sync.md, both ways. */
final class SyncRequestFormat {
    private static final Set<String> ROOT = Set.of("format", "kind", "header", "payload");
    private static final Set<String> HEADER = Set.of("satellite_id", "satellite_name", "sequence", "type", "created_at",
            "acknowledged_sequence", "software_version");
    private static final Set<String> PAYLOAD = Set.of("smart_account", "usage", "product_instances", "removed_instances",
            "events", "certificate_renewal", "usage_reports", "authorization_requests");
    private static final Set<String> USAGE_REPORT = Set.of("virtual_account", "udi", "software_tag", "report_id", "payload",
            "signature");
    private static final Set<String> SUDI = Set.of("pid", "serial");
    private static final Set<String> AUTHORIZATION_REQUEST = Set.of("request_id", "virtual_account", "udi", "entitlements");
    private static final Set<String> ENTITLEMENT = Set.of("tag", "count");
    private static final Set<String> USAGE = Set.of("virtual_account", "tags");
    private static final Set<String> TAG = Set.of("tag", "purchased", "in_use", "overdrawn");
    private static final Set<String> INSTANCE = Set.of("id", "udi", "hostname", "virtual_account", "state",
            "export_controlled", "id_certificate", "registered_at", "last_contact_at", "authorization_expires_at", "licenses");
    private static final Set<String> UDI = Set.of("pid", "serial", "uuid");
    private static final Set<String> ID_CERTIFICATE = Set.of("serial", "not_after");
    private static final Set<String> LICENSE = Set.of("tag", "count", "covered");
    private static final Set<String> EVENT = Set.of("id", "occurred_at", "instance_id", "udi", "virtual_account", "type", "detail");
    static final Set<String> TYPES = Set.of("standard", "full");
    private static final long FIRST_SECOND = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST_SECOND = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    private SyncRequestFormat() {}

    static YamlWriter write(SyncRequestFile file) {
        check(file);
        YamlWriter yaml = FileKind.SYNC_REQUEST.start();
        Header header = file.header();
        yaml.blockKey(0, "header");
        yaml.key(2, "satellite_id").string(header.satelliteId()).newline();
        yaml.key(2, "satellite_name").string(header.satelliteName()).newline();
        yaml.key(2, "sequence").integer(header.sequence()).newline();
        yaml.key(2, "type").word(typeWord(header.type())).newline();
        yaml.key(2, "created_at").instant(header.createdAt()).newline();
        yaml.key(2, "acknowledged_sequence").integer(header.acknowledgedSequence()).newline();
        yaml.key(2, "software_version").string(header.softwareVersion()).newline();

        Payload payload = file.payload();
        yaml.blockKey(0, "payload");
        yaml.key(2, "smart_account").string(payload.smartAccount()).newline();
        if (list(yaml, "usage", payload.usage())) {
            for (VirtualAccountUsage va : payload.usage()) {
                yaml.item(4).key(6, "virtual_account").string(va.virtualAccount()).newline();
                if (va.tags().isEmpty()) {
                    yaml.key(6, "tags").word("[]").newline();
                    continue;
                }
                yaml.blockKey(6, "tags");
                for (TagUsage tag : va.tags()) {
                    yaml.item(8).openMap()
                            .entry("tag").string(tag.tag())
                            .entry("purchased").integer(tag.purchased())
                            .entry("in_use").integer(tag.inUse())
                            .entry("overdrawn").integer(tag.overdrawn())
                            .closeMap().newline();
                }
            }
        }
        if (list(yaml, "product_instances", payload.productInstances())) {
            for (Instance instance : payload.productInstances()) {
                writeInstance(yaml, instance);
            }
        }
        if (list(yaml, "removed_instances", payload.removedInstances())) {
            for (String id : payload.removedInstances()) {
                yaml.item(4).string(id).newline();
            }
        }
        if (list(yaml, "events", payload.events())) {
            for (Event event : payload.events()) {
                yaml.item(4).openMap()
                        .entry("id").integer(event.id())
                        .entry("occurred_at").instant(event.occurredAt())
                        .entry("instance_id").string(event.instanceId())
                        .entry("udi").string(event.udi())
                        .entry("virtual_account").string(event.virtualAccount())
                        .entry("type").string(event.type())
                        .entry("detail").string(event.detail())
                        .closeMap().newline();
            }
        }
        yaml.pem(2, "certificate_renewal", payload.certificateRenewal());
        // Optional sections, written only when there is something: a request without them is byte-for-byte the
        // format older upstreams read.
        if (!payload.usageReports().isEmpty()) {
            yaml.blockKey(2, "usage_reports");
            for (UsageReport report : payload.usageReports()) {
                yaml.item(4).key(6, "virtual_account").string(report.virtualAccount()).newline();
                yaml.key(6, "udi").openMap().entry("pid").string(report.pid()).entry("serial").string(report.serial())
                        .closeMap().newline();
                yaml.key(6, "software_tag").string(report.softwareTag()).newline();
                yaml.key(6, "report_id").integer(report.reportId()).newline();
                yaml.key(6, "payload").string(report.payload()).newline();
                yaml.key(6, "signature").string(report.signature()).newline();
            }
        }
        if (!payload.authorizationRequests().isEmpty()) {
            yaml.blockKey(2, "authorization_requests");
            for (AuthorizationRequest request : payload.authorizationRequests()) {
                yaml.item(4).key(6, "request_id").integer(request.requestId()).newline();
                yaml.key(6, "virtual_account").string(request.virtualAccount()).newline();
                yaml.key(6, "udi").openMap().entry("pid").string(request.pid()).entry("serial").string(request.serial())
                        .closeMap().newline();
                yaml.key(6, "entitlements").openList();
                for (Entitlement e : request.entitlements()) {
                    yaml.next().openMap().entry("tag").string(e.tag()).entry("count").integer(e.count()).closeMap();
                }
                yaml.closeList().newline();
            }
        }
        return yaml;
    }

    private static void writeInstance(YamlWriter yaml, Instance instance) {
        yaml.item(4).key(6, "id").string(instance.id()).newline();
        yaml.key(6, "udi").openMap()
                .entry("pid").string(instance.pid())
                .entry("serial").string(instance.serial())
                .entry("uuid").string(instance.uuid())
                .closeMap().newline();
        yaml.key(6, "hostname").string(instance.hostname()).newline();
        yaml.key(6, "virtual_account").string(instance.virtualAccount()).newline();
        yaml.key(6, "state").string(instance.state()).newline();
        yaml.key(6, "export_controlled").bool(instance.exportControlled()).newline();
        yaml.key(6, "id_certificate").openMap()
                .entry("serial").string(instance.idCertificateSerial())
                .entry("not_after").instant(instance.idCertificateNotAfter())
                .closeMap().newline();
        yaml.key(6, "registered_at").instant(instance.registeredAt()).newline();
        yaml.key(6, "last_contact_at").instant(instance.lastContactAt()).newline();
        yaml.key(6, "authorization_expires_at").instant(instance.authorizationExpiresAt()).newline();
        yaml.key(6, "licenses").openList();
        for (LicenseInUse license : instance.licenses()) {
            yaml.next().openMap()
                    .entry("tag").string(license.tag())
                    .entry("count").integer(license.count())
                    .entry("covered").bool(license.covered())
                    .closeMap();
        }
        yaml.closeList().newline();
    }

    /** {@code key: []} for an empty list; otherwise {@code key:} and true, for the caller to write the items. */
    private static boolean list(YamlWriter yaml, String key, List<?> items) {
        if (items.isEmpty()) {
            yaml.key(2, key).word("[]").newline();
            return false;
        }
        yaml.blockKey(2, key);
        return true;
    }

    static String typeWord(SyncType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    static SyncType type(FileFields fields) {
        return SyncType.valueOf(fields.word("type", TYPES).toUpperCase(Locale.ROOT));
    }

    static SyncRequestFile read(Object document) throws SyncFileException {
        FileFields root = FileKind.SYNC_REQUEST.open(document, ROOT);
        FileFields h = root.mapping("header", HEADER);
        Header header = new Header(ModelRules.FORMAT, h.string("satellite_id"), h.string("satellite_name"), h.integer("sequence"),
                type(h), h.instant("created_at"), h.optionalInteger("acknowledged_sequence"), h.string("software_version"));
        FileFields p = root.mapping("payload", PAYLOAD);
        Payload payload = new Payload(p.string("smart_account"),
                p.mappings("usage", USAGE, va -> new VirtualAccountUsage(va.string("virtual_account"),
                        va.mappings("tags", TAG, t -> new TagUsage(t.string("tag"), t.smallInteger("purchased"),
                                t.smallInteger("in_use"), t.smallInteger("overdrawn"))))),
                p.mappings("product_instances", INSTANCE, SyncRequestFormat::readInstance),
                p.strings("removed_instances"),
                p.mappings("events", EVENT, e -> new Event(e.integer("id"), e.instant("occurred_at"), e.string("instance_id"),
                        e.string("udi"), e.optionalString("virtual_account"), e.string("type"), e.optionalString("detail"))),
                p.optionalString("certificate_renewal"),
                p.optionalMappings("usage_reports", USAGE_REPORT, r -> {
                    FileFields udi = r.mapping("udi", SUDI);
                    return new UsageReport(r.string("virtual_account"), udi.string("pid"), udi.string("serial"),
                            r.optionalString("software_tag"), r.integer("report_id"), r.string("payload"), r.string("signature"));
                }),
                p.optionalMappings("authorization_requests", AUTHORIZATION_REQUEST, a -> {
                    FileFields udi = a.mapping("udi", SUDI);
                    return new AuthorizationRequest(a.integer("request_id"), a.string("virtual_account"), udi.string("pid"),
                            udi.string("serial"), a.mappings("entitlements", ENTITLEMENT,
                                    e -> new Entitlement(e.string("tag"), e.integer("count"))));
                }));
        SyncRequestFile file = new SyncRequestFile(header, payload);
        check(file);
        return file;
    }

    private static Instance readInstance(FileFields i) {
        FileFields udi = i.mapping("udi", UDI);
        FileFields certificate = i.mapping("id_certificate", ID_CERTIFICATE);
        return new Instance(i.string("id"), udi.string("pid"), udi.string("serial"), udi.optionalString("uuid"),
                i.optionalString("hostname"), i.string("virtual_account"), i.string("state"), i.bool("export_controlled"),
                certificate.string("serial"), certificate.instant("not_after"), i.instant("registered_at"),
                i.instant("last_contact_at"), i.optionalInstant("authorization_expires_at"),
                i.mappings("licenses", LICENSE, l -> new LicenseInUse(l.string("tag"), l.smallInteger("count"), l.bool("covered"))));
    }

    /**
     * Optional: {@code acknowledged_sequence}, {@code udi.uuid}, {@code hostname}, {@code authorization_expires_at},
     * an event's {@code virtual_account} and {@code detail}, {@code certificate_renewal}. Everything else is required.
     */
    static void check(SyncRequestFile file) {
        Header header = file.header();
        ModelRules.required("header", header);
        ModelRules.format(header.format());
        ModelRules.uuid("header.satellite_id", header.satelliteId());
        ModelRules.required("header.satellite_name", header.satelliteName());
        ModelRules.sequence("header.sequence", header.sequence());
        ModelRules.required("header.type", header.type());
        ModelRules.instant("header.created_at", header.createdAt(), false);
        if (header.acknowledgedSequence() != null) {
            ModelRules.sequence("header.acknowledged_sequence", header.acknowledgedSequence());
            if (header.acknowledgedSequence() >= header.sequence()) {
                throw new ModelViolation("header.acknowledged_sequence", "must be less than the sequence " + header.sequence());
            }
        }
        ModelRules.required("header.software_version", header.softwareVersion());

        Payload payload = file.payload();
        ModelRules.required("payload", payload);
        ModelRules.required("payload.smart_account", payload.smartAccount());
        ModelRules.requiredList("payload.usage", payload.usage());
        for (int v = 0; v < payload.usage().size(); v++) {
            String path = "payload.usage[" + v + "]";
            VirtualAccountUsage va = payload.usage().get(v);
            ModelRules.required(path + ".virtual_account", va.virtualAccount());
            ModelRules.requiredList(path + ".tags", va.tags());
            for (int t = 0; t < va.tags().size(); t++) {
                TagUsage tag = va.tags().get(t);
                String tagPath = path + ".tags[" + t + "]";
                ModelRules.required(tagPath + ".tag", tag.tag());
                ModelRules.count(tagPath + ".purchased", tag.purchased());
                ModelRules.count(tagPath + ".in_use", tag.inUse());
                ModelRules.count(tagPath + ".overdrawn", tag.overdrawn());
            }
            ModelRules.unique(path + ".tags", va.tags(), TagUsage::tag, "tag");
        }
        ModelRules.unique("payload.usage", payload.usage(), VirtualAccountUsage::virtualAccount, "virtual_account");

        String instances = "payload.product_instances";
        ModelRules.requiredList(instances, payload.productInstances());
        for (int i = 0; i < payload.productInstances().size(); i++) {
            checkInstance(instances, i, payload.productInstances().get(i));
        }
        ModelRules.unique(instances, payload.productInstances(), Instance::id, "id");

        ModelRules.requiredList("payload.removed_instances", payload.removedInstances());
        if (header.type() == SyncType.FULL && !payload.removedInstances().isEmpty()) {
            throw new ModelViolation("payload.removed_instances", "only a standard request lists removed instances");
        }
        ModelRules.unique("payload.removed_instances", payload.removedInstances(), id -> id, "");

        String events = "payload.events";
        ModelRules.requiredList(events, payload.events());
        for (int e = 0; e < payload.events().size(); e++) {
            Event event = payload.events().get(e);
            if (event.id() < 1) {
                ModelRules.sequence(ModelRules.path(events, e, ".id"), event.id());
            }
            if (!wholeSeconds(event.occurredAt())) {
                ModelRules.instant(ModelRules.path(events, e, ".occurred_at"), event.occurredAt(), false);
            }
            if (event.instanceId() == null || event.udi() == null || event.type() == null) {
                ModelRules.required(ModelRules.path(events, e, ".instance_id"), event.instanceId());
                ModelRules.required(ModelRules.path(events, e, ".udi"), event.udi());
                ModelRules.required(ModelRules.path(events, e, ".type"), event.type());
            }
        }
        ModelRules.unique("payload.events", payload.events(), Event::id, "id");

        for (int r = 0; r < payload.usageReports().size(); r++) {
            UsageReport report = payload.usageReports().get(r);
            String path = ModelRules.path("payload.usage_reports", r, "");
            ModelRules.required(path + ".virtual_account", report.virtualAccount());
            ModelRules.required(path + ".udi.pid", report.pid());
            ModelRules.required(path + ".udi.serial", report.serial());
            ModelRules.required(path + ".payload", report.payload());
            ModelRules.required(path + ".signature", report.signature());
        }
        for (int a = 0; a < payload.authorizationRequests().size(); a++) {
            AuthorizationRequest request = payload.authorizationRequests().get(a);
            String path = ModelRules.path("payload.authorization_requests", a, "");
            ModelRules.required(path + ".virtual_account", request.virtualAccount());
            ModelRules.required(path + ".udi.pid", request.pid());
            ModelRules.required(path + ".udi.serial", request.serial());
            ModelRules.requiredList(path + ".entitlements", request.entitlements());
            for (int e = 0; e < request.entitlements().size(); e++) {
                ModelRules.required(ModelRules.path(path + ".entitlements", e, ".tag"), request.entitlements().get(e).tag());
                if (request.entitlements().get(e).count() < 1) {
                    throw new ModelViolation(ModelRules.path(path + ".entitlements", e, ".count"), "must be 1 or more");
                }
            }
        }
        ModelRules.unique("payload.authorization_requests", payload.authorizationRequests(), AuthorizationRequest::requestId, "request_id");
    }

    /**
     * Runs once per instance of a full request, so the cheap tests come first and a path is built only for a value
     * that fails; the messages are those of {@link ModelRules}.
     */
    private static void checkInstance(String list, int index, Instance instance) {
        if (instance.id() == null || instance.pid() == null || instance.serial() == null || instance.virtualAccount() == null
                || instance.state() == null || instance.idCertificateSerial() == null) {
            String path = ModelRules.path(list, index, "");
            ModelRules.required(path + ".id", instance.id());
            ModelRules.required(path + ".udi.pid", instance.pid());
            ModelRules.required(path + ".udi.serial", instance.serial());
            ModelRules.required(path + ".virtual_account", instance.virtualAccount());
            ModelRules.required(path + ".state", instance.state());
            ModelRules.required(path + ".id_certificate.serial", instance.idCertificateSerial());
        }
        if (!wholeSeconds(instance.idCertificateNotAfter()) || !wholeSeconds(instance.registeredAt())
                || !wholeSeconds(instance.lastContactAt()) || instance.authorizationExpiresAt() != null
                && !wholeSeconds(instance.authorizationExpiresAt())) {
            String path = ModelRules.path(list, index, "");
            ModelRules.instant(path + ".id_certificate.not_after", instance.idCertificateNotAfter(), false);
            ModelRules.instant(path + ".registered_at", instance.registeredAt(), false);
            ModelRules.instant(path + ".last_contact_at", instance.lastContactAt(), false);
            ModelRules.instant(path + ".authorization_expires_at", instance.authorizationExpiresAt(), true);
        }
        List<LicenseInUse> licenses = instance.licenses();
        if (licenses == null) {
            throw new ModelViolation(ModelRules.path(list, index, ".licenses"), "required");
        }
        for (int l = 0; l < licenses.size(); l++) {
            LicenseInUse license = licenses.get(l);
            if (license == null || license.tag() == null || license.count() < 0) {
                String path = ModelRules.path(list, index, ".licenses");
                ModelRules.requiredList(path, licenses);
                ModelRules.required(ModelRules.path(path, l, ".tag"), license.tag());
                ModelRules.count(ModelRules.path(path, l, ".count"), license.count());
            }
        }
        if (licenses.size() > 1) {
            ModelRules.unique(ModelRules.path(list, index, ".licenses"), licenses, LicenseInUse::tag, "tag");
        }
    }

    /** Cheap pre-test of {@link ModelRules#instant}; the years are checked there when this fails or the value is odd. */
    private static boolean wholeSeconds(Instant value) {
        return value != null && value.getNano() == 0 && value.getEpochSecond() >= FIRST_SECOND && value.getEpochSecond() <= LAST_SECOND;
    }
}
