package io.licensesatellite.sync.file;

/**
 * A value the file model does not allow, at a path such as {@code payload.product_instances[3].udi.serial}. The
 * reader turns it into an INVALID refusal; the writer into an {@link IllegalArgumentException}, since writing a
 * file the other side would refuse is a bug in the caller.
 */
final class ModelViolation extends RuntimeException {
    private final String path;
    private final String problem;

    ModelViolation(String path, String problem) {
        super(path.isEmpty() ? problem : path + ": " + problem, null, false, false);
        this.path = path;
        this.problem = problem;
    }

    String path() { return path; }

    String problem() { return problem; }
}
