package io.licensesatellite.sync.file;

import io.licensesatellite.sync.file.SyncResponseFile.Alert;
import io.licensesatellite.sync.file.SyncResponseFile.AuthorizationCode;
import io.licensesatellite.sync.file.SyncResponseFile.UsageAcknowledgement;
import io.licensesatellite.sync.file.SyncResponseFile.Header;
import io.licensesatellite.sync.file.SyncResponseFile.LicenseLine;
import io.licensesatellite.sync.file.SyncResponseFile.Licenses;
import io.licensesatellite.sync.file.SyncResponseFile.VirtualAccountLicenses;
import java.util.Set;

/** The {@code sync-response} file of docs/sync.md, both ways. */
final class SyncResponseFormat {
    private static final Set<String> ROOT = Set.of("format", "kind", "header", "licenses", "alerts", "renewed_certificate",
            "usage_acknowledgements", "authorization_codes");
    private static final Set<String> ACKNOWLEDGEMENT = Set.of("udi", "report_ids", "document");
    private static final Set<String> CODE = Set.of("request_id", "udi", "status", "document", "message");
    private static final Set<String> SUDI = Set.of("pid", "serial");
    static final Set<String> CODE_STATUSES = Set.of("SUCCESS", "FAILED");
    private static final Set<String> HEADER = Set.of("satellite_id", "upstream_name", "in_reply_to", "type", "created_at",
            "smart_account");
    private static final Set<String> IN_REPLY_TO = Set.of("sequence", "digest");
    private static final Set<String> LICENSES = Set.of("complete", "virtual_accounts");
    private static final Set<String> VIRTUAL_ACCOUNT = Set.of("name", "description", "licenses");
    private static final Set<String> LINE = Set.of("tag", "display_name", "quantity", "type", "end_date", "higher_tier_tag");
    private static final Set<String> ALERT = Set.of("severity", "code", "message");
    static final Set<String> LICENSE_TYPES = Set.of("PERPETUAL", "TERM");
    static final Set<String> SEVERITIES = Set.of("INFO", "WARNING", "CRITICAL");

    private SyncResponseFormat() {}

    static YamlWriter write(SyncResponseFile file) {
        check(file);
        YamlWriter yaml = FileKind.SYNC_RESPONSE.start();
        Header header = file.header();
        yaml.blockKey(0, "header");
        yaml.key(2, "satellite_id").string(header.satelliteId()).newline();
        yaml.key(2, "upstream_name").string(header.upstreamName()).newline();
        yaml.blockKey(2, "in_reply_to");
        yaml.key(4, "sequence").integer(header.inReplyToSequence()).newline();
        yaml.key(4, "digest").string(header.requestDigest()).newline();
        yaml.key(2, "type").word(SyncRequestFormat.typeWord(header.type())).newline();
        yaml.key(2, "created_at").instant(header.createdAt()).newline();
        yaml.key(2, "smart_account").string(header.smartAccount()).newline();

        yaml.blockKey(0, "licenses");
        yaml.key(2, "complete").bool(file.licenses().complete()).newline();
        if (file.licenses().virtualAccounts().isEmpty()) {
            yaml.key(2, "virtual_accounts").word("[]").newline();
        } else {
            yaml.blockKey(2, "virtual_accounts");
            for (VirtualAccountLicenses va : file.licenses().virtualAccounts()) {
                yaml.item(4).key(6, "name").string(va.name()).newline();
                yaml.key(6, "description").string(va.description()).newline();
                if (va.licenses().isEmpty()) {
                    yaml.key(6, "licenses").word("[]").newline();
                    continue;
                }
                yaml.blockKey(6, "licenses");
                for (LicenseLine line : va.licenses()) {
                    yaml.item(8).openMap()
                            .entry("tag").string(line.tag())
                            .entry("display_name").string(line.displayName())
                            .entry("quantity").integer(line.quantity())
                            .entry("type").word(line.type())
                            .entry("end_date").date(line.endDate())
                            .entry("higher_tier_tag").string(line.higherTierTag())
                            .closeMap().newline();
                }
            }
        }
        if (file.alerts().isEmpty()) {
            yaml.key(0, "alerts").word("[]").newline();
        } else {
            yaml.blockKey(0, "alerts");
            for (Alert alert : file.alerts()) {
                yaml.item(2).openMap()
                        .entry("severity").word(alert.severity())
                        .entry("code").string(alert.code())
                        .entry("message").string(alert.message())
                        .closeMap().newline();
            }
        }
        yaml.pem(0, "renewed_certificate", file.renewedCertificatePem());
        // Optional sections, only when there is something: older satellites read the rest unchanged.
        if (!file.usageAcknowledgements().isEmpty()) {
            yaml.blockKey(0, "usage_acknowledgements");
            for (UsageAcknowledgement ack : file.usageAcknowledgements()) {
                yaml.item(2).key(4, "udi").openMap().entry("pid").string(ack.pid()).entry("serial").string(ack.serial())
                        .closeMap().newline();
                yaml.key(4, "report_ids").openList();
                for (Long id : ack.reportIds()) {
                    yaml.next().integer(id);
                }
                yaml.closeList().newline();
                yaml.key(4, "document").string(ack.document()).newline();
            }
        }
        if (!file.authorizationCodes().isEmpty()) {
            yaml.blockKey(0, "authorization_codes");
            for (AuthorizationCode code : file.authorizationCodes()) {
                yaml.item(2).key(4, "request_id").integer(code.requestId()).newline();
                yaml.key(4, "udi").openMap().entry("pid").string(code.pid()).entry("serial").string(code.serial())
                        .closeMap().newline();
                yaml.key(4, "status").word(code.status()).newline();
                yaml.key(4, "document").string(code.document()).newline();
                yaml.key(4, "message").string(code.message()).newline();
            }
        }
        return yaml;
    }

    static SyncResponseFile read(Object document) throws SyncFileException {
        FileFields root = FileKind.SYNC_RESPONSE.open(document, ROOT);
        FileFields h = root.mapping("header", HEADER);
        FileFields inReplyTo = h.mapping("in_reply_to", IN_REPLY_TO);
        Header header = new Header(ModelRules.FORMAT, h.string("satellite_id"), h.string("upstream_name"),
                inReplyTo.integer("sequence"), inReplyTo.string("digest"), SyncRequestFormat.type(h), h.instant("created_at"),
                h.string("smart_account"));
        FileFields l = root.mapping("licenses", LICENSES);
        Licenses licenses = new Licenses(l.bool("complete"), l.mappings("virtual_accounts", VIRTUAL_ACCOUNT,
                va -> new VirtualAccountLicenses(va.string("name"), va.optionalString("description"),
                        va.mappings("licenses", LINE, line -> new LicenseLine(line.string("tag"), line.string("display_name"),
                                line.smallInteger("quantity"), line.word("type", LICENSE_TYPES), line.optionalDate("end_date"),
                                line.optionalString("higher_tier_tag"))))));
        SyncResponseFile file = new SyncResponseFile(header, licenses,
                root.mappings("alerts", ALERT, a -> new Alert(a.word("severity", SEVERITIES), a.string("code"), a.string("message"))),
                root.optionalString("renewed_certificate"),
                root.optionalMappings("usage_acknowledgements", ACKNOWLEDGEMENT, a -> {
                    FileFields udi = a.mapping("udi", SUDI);
                    return new UsageAcknowledgement(udi.string("pid"), udi.string("serial"), a.integers("report_ids", 0),
                            a.string("document"));
                }),
                root.optionalMappings("authorization_codes", CODE, c -> {
                    FileFields udi = c.mapping("udi", SUDI);
                    return new AuthorizationCode(c.integer("request_id"), udi.string("pid"), udi.string("serial"),
                            c.word("status", CODE_STATUSES), c.optionalString("document"), c.optionalString("message"));
                }));
        check(file);
        return file;
    }

    /**
     * Optional: a VA's {@code description}, a line's {@code end_date} (required for TERM, absent for PERPETUAL) and
     * {@code higher_tier_tag}, {@code renewed_certificate}. Everything else is required.
     */
    static void check(SyncResponseFile file) {
        Header header = file.header();
        ModelRules.required("header", header);
        ModelRules.format(header.format());
        ModelRules.uuid("header.satellite_id", header.satelliteId());
        ModelRules.required("header.upstream_name", header.upstreamName());
        ModelRules.sequence("header.in_reply_to.sequence", header.inReplyToSequence());
        digest("header.in_reply_to.digest", header.requestDigest());
        ModelRules.required("header.type", header.type());
        ModelRules.instant("header.created_at", header.createdAt(), false);
        ModelRules.required("header.smart_account", header.smartAccount());

        ModelRules.required("licenses", file.licenses());
        ModelRules.requiredList("licenses.virtual_accounts", file.licenses().virtualAccounts());
        for (int v = 0; v < file.licenses().virtualAccounts().size(); v++) {
            VirtualAccountLicenses va = file.licenses().virtualAccounts().get(v);
            String path = "licenses.virtual_accounts[" + v + "]";
            ModelRules.required(path + ".name", va.name());
            ModelRules.requiredList(path + ".licenses", va.licenses());
            for (int i = 0; i < va.licenses().size(); i++) {
                checkLine(path + ".licenses[" + i + "]", va.licenses().get(i));
            }
            ModelRules.unique(path + ".licenses", va.licenses(), LicenseLine::tag, "tag");
        }
        ModelRules.unique("licenses.virtual_accounts", file.licenses().virtualAccounts(), VirtualAccountLicenses::name, "name");

        ModelRules.requiredList("alerts", file.alerts());
        for (int a = 0; a < file.alerts().size(); a++) {
            Alert alert = file.alerts().get(a);
            ModelRules.oneOf("alerts[" + a + "].severity", alert.severity(), SEVERITIES);
            ModelRules.required("alerts[" + a + "].code", alert.code());
            ModelRules.required("alerts[" + a + "].message", alert.message());
        }
        checkUsage(file);
    }

    private static void checkUsage(SyncResponseFile file) {
        for (int a = 0; a < file.usageAcknowledgements().size(); a++) {
            UsageAcknowledgement ack = file.usageAcknowledgements().get(a);
            String path = "usage_acknowledgements[" + a + "]";
            ModelRules.required(path + ".udi.pid", ack.pid());
            ModelRules.required(path + ".udi.serial", ack.serial());
            ModelRules.requiredList(path + ".report_ids", ack.reportIds());
            ModelRules.required(path + ".document", ack.document());
        }
        for (int c = 0; c < file.authorizationCodes().size(); c++) {
            AuthorizationCode code = file.authorizationCodes().get(c);
            String path = "authorization_codes[" + c + "]";
            ModelRules.required(path + ".udi.pid", code.pid());
            ModelRules.required(path + ".udi.serial", code.serial());
            ModelRules.oneOf(path + ".status", code.status(), CODE_STATUSES);
            if ("SUCCESS".equals(code.status())) {
                ModelRules.required(path + ".document", code.document());
            }
        }
    }

    private static void checkLine(String path, LicenseLine line) {
        ModelRules.required(path + ".tag", line.tag());
        ModelRules.required(path + ".display_name", line.displayName());
        ModelRules.count(path + ".quantity", line.quantity());
        ModelRules.oneOf(path + ".type", line.type(), LICENSE_TYPES);
        ModelRules.date(path + ".end_date", line.endDate());
        if ("TERM".equals(line.type()) && line.endDate() == null) {
            throw new ModelViolation(path + ".end_date", "required for a TERM licence");
        }
        if ("PERPETUAL".equals(line.type()) && line.endDate() != null) {
            throw new ModelViolation(path + ".end_date", "a PERPETUAL licence has no end date");
        }
    }

    /** The request's SHA-256 as {@link SyncFiles.Signed#digest()} gives it: 64 lower-case hex digits. */
    private static void digest(String path, String value) {
        ModelRules.required(path, value);
        boolean hex = value.length() == 64 && value.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f');
        if (!hex) {
            throw new ModelViolation(path, "must be the SHA-256 of the request file as 64 lower-case hex digits");
        }
    }
}
