package io.licensesatellite.sync.file;

import java.util.Set;

/** The {@code authorization} file of docs/sync.md, both ways. */
final class AuthorizationFormat {
    private static final Set<String> ROOT = Set.of("format", "kind", "satellite", "upstream", "created_at", "smart_account",
            "virtual_accounts", "satellite_certificate");
    private static final Set<String> SATELLITE = Set.of("id");
    private static final Set<String> UPSTREAM = Set.of("name", "ca_certificate", "sync_url");

    private AuthorizationFormat() {}

    static YamlWriter write(AuthorizationFile file) {
        check(file);
        YamlWriter yaml = FileKind.AUTHORIZATION.start();
        yaml.blockKey(0, "satellite");
        yaml.key(2, "id").string(file.satelliteId()).newline();
        yaml.blockKey(0, "upstream");
        yaml.key(2, "name").string(file.upstreamName()).newline();
        yaml.pem(2, "ca_certificate", file.upstreamCaPem());
        yaml.key(2, "sync_url").string(file.syncUrl()).newline();
        yaml.key(0, "created_at").instant(file.createdAt()).newline();
        yaml.key(0, "smart_account").string(file.smartAccount()).newline();
        if (file.virtualAccounts().isEmpty()) {
            yaml.key(0, "virtual_accounts").word("[]").newline();
        } else {
            yaml.blockKey(0, "virtual_accounts");
            for (String name : file.virtualAccounts()) {
                yaml.item(2).string(name).newline();
            }
        }
        yaml.pem(0, "satellite_certificate", file.satelliteCertificatePem());
        return yaml;
    }

    static AuthorizationFile read(Object document) throws SyncFileException {
        FileFields root = FileKind.AUTHORIZATION.open(document, ROOT);
        FileFields satellite = root.mapping("satellite", SATELLITE);
        FileFields upstream = root.mapping("upstream", UPSTREAM);
        AuthorizationFile file = new AuthorizationFile(ModelRules.FORMAT, satellite.string("id"), upstream.string("name"),
                root.instant("created_at"), root.string("smart_account"), root.strings("virtual_accounts"),
                root.string("satellite_certificate"), upstream.string("ca_certificate"), upstream.optionalString("sync_url"));
        check(file);
        return file;
    }

    static void check(AuthorizationFile file) {
        ModelRules.format(file.format());
        ModelRules.uuid("satellite.id", file.satelliteId());
        ModelRules.required("upstream.name", file.upstreamName());
        ModelRules.required("upstream.ca_certificate", file.upstreamCaPem());
        ModelRules.instant("created_at", file.createdAt(), false);
        ModelRules.required("smart_account", file.smartAccount());
        ModelRules.requiredList("virtual_accounts", file.virtualAccounts());
        ModelRules.unique("virtual_accounts", file.virtualAccounts(), name -> name, "");
        ModelRules.required("satellite_certificate", file.satelliteCertificatePem());
    }
}
