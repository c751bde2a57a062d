package io.licensesatellite.sync.file;

import io.licensesatellite.sync.file.SyncFileException.Reason;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/** The four kinds of docs/sync.md, each with the comment that opens its file and tells a reader what to do with it. */
enum FileKind {
    REGISTRATION("registration", "a registration file",
            "License Satellite registration. Upload this file to the upstream to bind this satellite to it;",
            "the upstream answers with an authorization file to import on this satellite."),
    AUTHORIZATION("authorization", "an authorization file",
            "License Satellite authorization from the upstream. Import this file on the satellite it names",
            "to complete its registration; from then on it trusts the upstream CA below."),
    SYNC_REQUEST("sync-request", "a sync request file",
            "License Satellite sync request. Upload this file to the upstream, then import the sync response",
            "it returns on the satellite that wrote this request."),
    SYNC_RESPONSE("sync-response", "a sync response file",
            "License Satellite sync response. Import this file on the satellite that wrote the request it answers",
            "(header.in_reply_to).");

    private static final String DO_NOT_EDIT = "Do not edit: the signature covers every byte above the signature block.";

    final String word;
    private final String description;
    private final String[] comment;

    FileKind(String word, String description, String... comment) {
        this.word = word;
        this.description = description;
        this.comment = comment;
    }

    /** The opening comment, {@code format} and {@code kind}: the first lines of every file of this kind. */
    YamlWriter start() {
        YamlWriter yaml = new YamlWriter();
        for (String line : comment) {
            yaml.comment(line);
        }
        yaml.comment(DO_NOT_EDIT);
        yaml.key(0, "format").integer(ModelRules.FORMAT).newline();
        yaml.key(0, "kind").word(word).newline();
        return yaml;
    }

    /**
     * Checks {@code format} and {@code kind} before anything else, so that a file of another kind or a newer format
     * is refused as such rather than for the first field it does not share with this kind.
     */
    FileFields open(Object document, Set<String> known) throws SyncFileException {
        if (!(document instanceof Map<?, ?> root)) {
            return FileFields.root(document, known);
        }
        Object format = root.get("format");
        if (!(format instanceof Long number)) {
            throw new ModelViolation("format", format == null ? "required" : "expected an integer, found " + FileFields.describe(format));
        }
        ModelRules.format(number > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.max(number, Integer.MIN_VALUE));
        Object kind = root.get("kind");
        if (!(kind instanceof String name)) {
            throw new ModelViolation("kind", kind == null ? "required" : "expected a string, found " + FileFields.describe(kind));
        }
        FileKind actual = Arrays.stream(values()).filter(k -> k.word.equals(name)).findFirst()
                .orElseThrow(() -> new ModelViolation("kind", "\"" + Excerpt.of(name, 40)
                        + "\" is not a kind of sync file (registration, authorization, sync-request, sync-response)"));
        if (actual != this) {
            throw new SyncFileException(Reason.WRONG_KIND, "This is " + actual.description + "; " + description + " was expected");
        }
        return FileFields.root(document, known);
    }
}
