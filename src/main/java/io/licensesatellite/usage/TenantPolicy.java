package io.licensesatellite.usage;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the tenant of a push URL ({@code /cslu/v1/pi/<tenant>}) names a Virtual Account. SSM On-Prem shows devices
 * {@code <VA>-<n>}, where the trailing number is (inferred, protocol-facts B1) a local-account id, usually 1. The
 * satellite has one local account, so the number is ignored; a VA whose own name ends in {@code -<digits>} is still
 * found because the whole tenant is tried first.
 */
public final class TenantPolicy {
    private static final Pattern LOCAL_ACCOUNT_SUFFIX = Pattern.compile("^(.+)-([0-9]{1,9})$");

    private TenantPolicy() {}

    /** The VA names to try, in order: the tenant as it is, then without its {@code -<n>} suffix. */
    public static List<String> candidateNames(String tenant) {
        List<String> names = new ArrayList<>(2);
        if (tenant == null || tenant.isBlank()) {
            return names;
        }
        names.add(tenant);
        Matcher m = LOCAL_ACCOUNT_SUFFIX.matcher(tenant);
        if (m.matches()) {
            names.add(m.group(1));
        }
        return names;
    }
}
