package io.licensesatellite.usage.pull;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IPv4 range the operator adds devices from: {@code 10.0.0.1-10.0.0.254} or {@code 10.0.0.0/24}. A CIDR block
 * of /31 or wider keeps its network and broadcast addresses out (no device answers there); /31 and /32 keep all.
 */
public final class AddressRange {
    /** The most addresses one call may add: a /20, enough for a campus, small enough to validate at once. */
    public static final int MAX_ADDRESSES = 4096;
    private static final Pattern CIDR = Pattern.compile("([0-9.]+)/([0-9]{1,2})");
    private static final Pattern SPAN = Pattern.compile("([0-9.]+)\\s*-\\s*([0-9.]+)");

    private AddressRange() {}

    /** @throws IllegalArgumentException with a message for the operator when the range is malformed */
    public static long size(String range) {
        long[] bounds = bounds(range);
        return bounds[1] - bounds[0] + 1;
    }

    public static List<String> addresses(String range) {
        long[] bounds = bounds(range);
        if (bounds[1] - bounds[0] + 1 > MAX_ADDRESSES) {
            throw new IllegalArgumentException("holds " + (bounds[1] - bounds[0] + 1) + " addresses, more than "
                    + MAX_ADDRESSES);
        }
        List<String> addresses = new ArrayList<>();
        for (long a = bounds[0]; a <= bounds[1]; a++) {
            addresses.add(format(a));
        }
        return addresses;
    }

    private static long[] bounds(String range) {
        if (range == null || range.isBlank()) {
            throw new IllegalArgumentException("is required: a-b (10.0.0.1-10.0.0.20) or a CIDR block (10.0.0.0/24)");
        }
        String value = range.strip();
        Matcher cidr = CIDR.matcher(value);
        if (cidr.matches()) {
            long base = parse(cidr.group(1));
            int prefix = Integer.parseInt(cidr.group(2));
            if (prefix > 32) {
                throw new IllegalArgumentException("prefix /" + prefix + " is longer than 32");
            }
            long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
            if ((base & mask) != base) {
                throw new IllegalArgumentException(cidr.group(1) + " is not the start of a /" + prefix + " block");
            }
            long last = base | (~mask & 0xFFFFFFFFL);
            return prefix >= 31 ? new long[] {base, last} : new long[] {base + 1, last - 1};
        }
        Matcher span = SPAN.matcher(value);
        if (span.matches()) {
            long first = parse(span.group(1));
            long last = parse(span.group(2));
            if (last < first) {
                throw new IllegalArgumentException(span.group(2) + " comes before " + span.group(1));
            }
            return new long[] {first, last};
        }
        throw new IllegalArgumentException("'" + value + "' is neither a-b (10.0.0.1-10.0.0.20) nor a CIDR block (10.0.0.0/24)");
    }

    static long parse(String address) {
        String[] parts = address.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("'" + address + "' is not an IPv4 address");
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("'" + address + "' is not an IPv4 address");
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw new IllegalArgumentException("'" + address + "' is not an IPv4 address");
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    private static String format(long address) {
        return ((address >> 24) & 0xFF) + "." + ((address >> 16) & 0xFF) + "." + ((address >> 8) & 0xFF) + "." + (address & 0xFF);
    }
}
