package io.licensesatellite.protocol.cslu;

import com.fasterxml.jackson.databind.JsonNode;
import io.licensesatellite.usage.AuthorizationRequests;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one SLAC request entry, as a device writes it in a {@code smartLicenseAuthRequest} file ({@code sudi},
 * {@code keys}, {@code confirm_code}, {@code remove_code}, protocol-facts B3) or in the cloud's authrequest shape
 * ({@code licenses[{sudi, hostname, keys[{entitlement, count}]}]}, B5). The entry's text is kept as written.
 */
final class SlacRequests {
    static final int MAX_KEYS = 100;

    private SlacRequests() {}

    static AuthorizationRequests.NewRequest request(String path, JsonNode entry, String raw) throws MalformedPushException {
        if (!entry.isObject()) {
            throw new MalformedPushException(path + ": an object is expected");
        }
        var sudi = PushMessageReader.sudi(entry.get("sudi"), path + ".sudi");
        List<AuthorizationRequests.Entitlement> keys = new ArrayList<>();
        JsonNode k = entry.get("keys");
        if (k != null && !k.isNull()) {
            if (!k.isArray() || k.size() > MAX_KEYS) {
                throw new MalformedPushException(path + ".keys: an array of at most " + MAX_KEYS + " entries is expected");
            }
            for (int i = 0; i < k.size(); i++) {
                JsonNode key = k.get(i);
                String tag = key.isTextual() ? key.textValue() : text(key, "entitlement", "tag", "key");
                JsonNode count = key.isObject() ? key.get("count") : null;
                if (tag == null || tag.isBlank() || tag.length() > 512) {
                    throw new MalformedPushException(path + ".keys[" + i + "]: an entitlement tag is expected");
                }
                long n = 1;
                if (count != null && !count.isNull()) {
                    if (!(count.isIntegralNumber() && count.canConvertToLong() && count.longValue() >= 0)
                            && !(count.isTextual() && count.textValue().matches("[0-9]{1,9}"))) {
                        throw new MalformedPushException(path + ".keys[" + i + "].count: a non-negative integer is expected");
                    }
                    n = count.isTextual() ? Long.parseLong(count.textValue()) : count.longValue();
                }
                keys.add(new AuthorizationRequests.Entitlement(tag, n));
            }
        }
        return new AuthorizationRequests.NewRequest(sudi, raw, keys, code(entry, "confirm_code", path),
                code(entry, "remove_code", path), text(entry, "hostname"));
    }

    private static String code(JsonNode entry, String field, String path) throws MalformedPushException {
        JsonNode n = entry.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual() || n.textValue().length() > 256) {
            throw new MalformedPushException(path + "." + field + ": a string of at most 256 characters is expected");
        }
        return n.textValue();
    }

    private static String text(JsonNode node, String... fields) {
        if (!node.isObject()) {
            return null;
        }
        for (String f : fields) {
            JsonNode n = node.get(f);
            if (n != null && n.isTextual()) {
                return n.textValue();
            }
        }
        return null;
    }
}
