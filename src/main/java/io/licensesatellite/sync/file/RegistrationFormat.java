package io.licensesatellite.sync.file;

import java.util.Set;

/** The {@code registration} file of docs/sync.md, both ways. */
final class RegistrationFormat {
    private static final Set<String> ROOT = Set.of("format", "kind", "satellite", "created_at", "csr");
    private static final Set<String> SATELLITE = Set.of("id", "name", "software_version");

    private RegistrationFormat() {}

    static YamlWriter write(RegistrationFile file) {
        check(file);
        YamlWriter yaml = FileKind.REGISTRATION.start();
        yaml.blockKey(0, "satellite");
        yaml.key(2, "id").string(file.satelliteId()).newline();
        yaml.key(2, "name").string(file.satelliteName()).newline();
        yaml.key(2, "software_version").string(file.softwareVersion()).newline();
        yaml.key(0, "created_at").instant(file.createdAt()).newline();
        yaml.pem(0, "csr", file.csrPem());
        return yaml;
    }

    static RegistrationFile read(Object document) throws SyncFileException {
        FileFields root = FileKind.REGISTRATION.open(document, ROOT);
        FileFields satellite = root.mapping("satellite", SATELLITE);
        RegistrationFile file = new RegistrationFile(ModelRules.FORMAT, satellite.string("id"), satellite.string("name"),
                satellite.string("software_version"), root.instant("created_at"), root.string("csr"));
        check(file);
        return file;
    }

    static void check(RegistrationFile file) {
        ModelRules.format(file.format());
        ModelRules.uuid("satellite.id", file.satelliteId());
        ModelRules.required("satellite.name", file.satelliteName());
        ModelRules.required("satellite.software_version", file.softwareVersion());
        ModelRules.instant("created_at", file.createdAt(), false);
        ModelRules.required("csr", file.csrPem());
    }
}
