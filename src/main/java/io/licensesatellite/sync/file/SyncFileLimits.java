package io.licensesatellite.sync.file;

/**
 * Bounds applied to a file before and while it is parsed.
 *
 * @param maxBytes        whole file, checked before anything else
 * @param maxNestingDepth YAML collections nested deeper than this are refused
 * @param maxCollectionItems entries in any one sequence or mapping
 */
public record SyncFileLimits(long maxBytes, int maxNestingDepth, int maxCollectionItems) {
    /** Generous enough for a full request of a large satellite, tight enough to stop a bomb. */
    public static SyncFileLimits defaults() { return new SyncFileLimits(256L * 1024 * 1024, 16, 2_000_000); }
}
