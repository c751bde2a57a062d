package io.licensesatellite.sync;

import io.licensesatellite.sync.file.SyncFileLimits;
import io.licensesatellite.sync.file.SyncFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The one codec the satellite reads and writes sync files with, bounded by its configured size limit. */
@ApplicationScoped
public class SyncFilesProducer {

    @Produces
    @ApplicationScoped
    SyncFiles syncFiles(SyncConfig config) {
        SyncFileLimits defaults = SyncFileLimits.defaults();
        return new SyncFiles(new SyncFileLimits(config.maxFileBytes(), defaults.maxNestingDepth(), defaults.maxCollectionItems()));
    }
}
