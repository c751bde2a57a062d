package io.licensesatellite.sync;

import io.licensesatellite.sync.SyncRequestExport.ExportedRequest;
import io.licensesatellite.sync.SyncResponseImport.Imported;
import io.licensesatellite.sync.file.SyncType;
import jakarta.enterprise.context.ApplicationScoped;

/** Sync across an air gap: the operator downloads a request file and later uploads the upstream's response. */
@ApplicationScoped
public class ManualSync {
    private final SyncGate gate;
    private final SyncRequestExport export;
    private final SyncResponseImport importer;

    public ManualSync(SyncGate gate, SyncRequestExport export, SyncResponseImport importer) {
        this.gate = gate;
        this.export = export;
        this.importer = importer;
    }

    public ExportedRequest requestFile(SyncType type, String actor) {
        return gate.exclusively(() -> export.export(type, SyncChannel.FILE, actor));
    }

    public Imported importResponse(byte[] raw, String actor) {
        return gate.exclusively(() -> importer.importResponse(raw, SyncChannel.FILE, actor));
    }
}
