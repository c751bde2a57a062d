package io.licensesatellite.usage.pull;

import io.licensesatellite.accounts.VirtualAccounts;
import io.licensesatellite.platform.ErrorKind;
import io.licensesatellite.platform.SatelliteException;
import io.licensesatellite.platform.SatelliteException.FieldError;
import io.licensesatellite.platform.SealedSecrets;
import io.licensesatellite.platform.VisibleAccounts;
import io.licensesatellite.platform.api.PageOf;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The operator's list of devices to pull: add one or a range, change, remove, list. A viewer limited to some Virtual
 * Accounts sees only the devices set to one of them (a device without a VA belongs to none it could name), and any
 * other device answers "not found" as if it were not there.
 */
@ApplicationScoped
public class PullDevices {
    static final int DEFAULT_PORT = 443;
    private static final int MAX_TEXT = 200;
    private static final int MAX_CA_PEM = 16000;
    private static final Pattern HOST_NAME = Pattern.compile(
            "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Set<String> SORTABLE = Set.of("id", "address", "lastPulledAt", "lastResult", "virtualAccountId");

    private final PullDeviceRepository repository;
    private final SealedSecrets secrets;
    private final VirtualAccounts accounts;
    private final VisibleAccounts visible;
    private final Clock clock;

    public PullDevices(PullDeviceRepository repository, SealedSecrets secrets, VirtualAccounts accounts,
                       VisibleAccounts visible, Clock clock) {
        this.repository = repository;
        this.secrets = secrets;
        this.accounts = accounts;
        this.visible = visible;
        this.clock = clock;
    }

    /**
     * What the operator says about a device (or every device of a range). Null fields take their defaults on add
     * and keep their value on change; the password is required on add only.
     */
    public record DeviceSpec(String address, Integer port, String scheme, String username, String password,
                             Long virtualAccountId, String tlsMode, String caPem, Boolean enabled) {
        @Override
        public String toString() {
            return "DeviceSpec[" + address + ":" + port + "]";
        }
    }

    /** @param skipped addresses that already had a device on this port, left as they were */
    public record RangeAdded(int added, List<String> skipped, List<PullDeviceView> devices) {}

    @Transactional
    public PullDeviceView add(DeviceSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        String address = address(spec.address(), errors);
        PullDevice device = new PullDevice();
        device.address = address;
        apply(device, spec, true, errors);
        refuse(errors);
        if (repository.exists(device.address, device.port)) {
            throw new SatelliteException(ErrorKind.PULL_DEVICE_EXISTS,
                    "A device at " + device.address + " port " + device.port + " is already pulled");
        }
        device.createdAt = clock.instant();
        repository.persist(device);
        return view(device);
    }

    /** Adds every address of the range with the same settings; all are checked before any is added. */
    @Transactional
    public RangeAdded addRange(String range, DeviceSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        List<String> addresses = List.of();
        try {
            long size = AddressRange.size(range);
            if (size > AddressRange.MAX_ADDRESSES) {
                throw new SatelliteException(ErrorKind.PULL_RANGE_TOO_LARGE, "range: " + range.strip() + " holds "
                        + size + " addresses; one call adds at most " + AddressRange.MAX_ADDRESSES,
                        List.of(new FieldError("range", "holds " + size + " addresses, more than " + AddressRange.MAX_ADDRESSES)));
            }
            addresses = AddressRange.addresses(range);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("range", e.getMessage()));
        }
        if (spec.address() != null) {
            errors.add(new FieldError("address", "must be left out: the range gives the addresses"));
        }
        PullDevice template = new PullDevice();
        apply(template, spec, true, errors);
        refuse(errors);
        Set<String> existing = repository.existing(addresses, template.port);
        List<String> skipped = new ArrayList<>();
        List<PullDeviceView> added = new ArrayList<>();
        for (String address : addresses) {
            if (existing.contains(address)) {
                skipped.add(address);
                continue;
            }
            PullDevice device = copy(template);
            device.address = address;
            device.createdAt = clock.instant();
            repository.persist(device);
            added.add(view(device));
        }
        return new RangeAdded(added.size(), skipped, added);
    }

    @Transactional
    public PullDeviceView update(long id, DeviceSpec spec, boolean forgetFingerprint) {
        PullDevice device = found(id);
        List<FieldError> errors = new ArrayList<>();
        String address = spec.address() == null ? device.address : address(spec.address(), errors);
        int port = spec.port() == null ? device.port : spec.port();
        // Checked before the entity changes: a query would flush the change and meet the unique key first.
        if (errors.isEmpty() && repository.count("address = ?1 and port = ?2 and id <> ?3", address, port, id) > 0) {
            throw new SatelliteException(ErrorKind.PULL_DEVICE_EXISTS,
                    "A device at " + address + " port " + port + " is already pulled");
        }
        TlsVerification before = device.tlsMode;
        String caBefore = device.caPem;
        apply(device, spec, false, errors);
        refuse(errors);
        if (!address.equals(device.address) || before != device.tlsMode || forgetFingerprint) {
            // Another address is another device; the fingerprint learned for the old one means nothing for it.
            device.pinnedSha256 = null;
        }
        if (device.tlsMode != TlsVerification.CA) {
            device.caPem = null;
        } else if (caBefore != null && device.caPem == null) {
            device.caPem = caBefore;
        }
        device.address = address;
        return view(device);
    }

    @Transactional
    public void delete(long id) {
        repository.delete(found(id));
    }

    @Transactional
    public PullDeviceView get(long id) {
        return view(found(id));
    }

    @Transactional
    public PageOf<PullDeviceView> list(Long virtualAccountId, String lastResult, Boolean enabled, int page, int size, String sort) {
        PullResult result = null;
        if (lastResult != null) {
            try {
                result = PullResult.valueOf(lastResult.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw SatelliteException.invalid("lastResult", "must be one of " + List.of(PullResult.values()));
            }
        }
        Set<Long> only = visible.limitedTo().orElse(null);
        if (only != null && only.isEmpty()) {
            return new PageOf<>(List.of(), page, size, 0);
        }
        var query = repository.filtered(virtualAccountId, result, enabled, only, sort(sort)).page(page, size);
        Map<Long, String> names = vaNames();
        return new PageOf<>(query.list().stream().map(d -> PullDeviceView.of(d, names.get(d.virtualAccountId))).toList(),
                page, size, query.count());
    }

    private static Sort sort(String sort) {
        if (sort == null || sort.isBlank()) {
            return Sort.by("id");
        }
        boolean descending = sort.startsWith("-");
        String field = descending ? sort.substring(1) : sort;
        if (!SORTABLE.contains(field)) {
            throw SatelliteException.invalid("sort", "must be one of " + SORTABLE + ", optionally preceded by '-'");
        }
        return Sort.by(field, descending ? Sort.Direction.Descending : Sort.Direction.Ascending).and("id");
    }

    private PullDeviceView view(PullDevice device) {
        return PullDeviceView.of(device, device.virtualAccountId == null ? null : vaNames().get(device.virtualAccountId));
    }

    private Map<Long, String> vaNames() {
        Map<Long, String> names = new HashMap<>();
        accounts.list().forEach(va -> names.put(va.id(), va.name()));
        return names;
    }

    private PullDevice found(long id) {
        PullDevice device = repository.findById(id);
        if (device == null || !visible.canSee(device.virtualAccountId)) {
            throw SatelliteException.notFound("No pulled device " + id);
        }
        return device;
    }

    private void apply(PullDevice device, DeviceSpec spec, boolean adding, List<FieldError> errors) {
        if (spec.port() != null || adding) {
            int port = spec.port() == null ? DEFAULT_PORT : spec.port();
            if (port < 1 || port > 65535) {
                errors.add(new FieldError("port", "must be 1 to 65535"));
            }
            device.port = port;
        }
        if (spec.scheme() != null || adding) {
            String scheme = spec.scheme() == null ? "https" : spec.scheme().strip().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                errors.add(new FieldError("scheme", "must be https, or http when chosen explicitly"));
            }
            device.scheme = scheme;
        }
        if (spec.username() != null || adding) {
            String username = spec.username();
            if (username == null || username.isBlank()) {
                errors.add(new FieldError("username", "is required: a local user of privilege 15 on the device"));
            } else if (username.length() > MAX_TEXT || username.contains(":") || username.chars().anyMatch(Character::isISOControl)) {
                errors.add(new FieldError("username", "must be at most " + MAX_TEXT + " characters, without ':' or control characters"));
            }
            device.username = username;
        }
        if (spec.password() != null || adding) {
            String password = spec.password();
            if (password == null || password.isEmpty()) {
                errors.add(new FieldError("password", "is required"));
            } else if (password.length() > MAX_TEXT || password.chars().anyMatch(Character::isISOControl)) {
                errors.add(new FieldError("password", "must be at most " + MAX_TEXT + " characters, without control characters"));
            } else {
                device.passwordSealed = secrets.seal(password);
            }
        }
        if (spec.virtualAccountId() != null) {
            long va = spec.virtualAccountId();
            if (!vaNames().containsKey(va)) {
                errors.add(new FieldError("virtualAccountId", "no Virtual Account " + va));
            } else {
                device.virtualAccountId = va;
            }
        }
        if (spec.tlsMode() != null || adding) {
            String mode = spec.tlsMode() == null ? "PINNED" : spec.tlsMode().strip().toUpperCase(Locale.ROOT);
            try {
                device.tlsMode = TlsVerification.valueOf(mode);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("tlsMode", "must be pinned, ca or insecure"));
                device.tlsMode = TlsVerification.PINNED;
            }
        }
        if (spec.caPem() != null) {
            String problem = caProblem(spec.caPem());
            if (problem != null) {
                errors.add(new FieldError("caPem", problem));
            }
            device.caPem = spec.caPem().strip() + "\n";
        }
        if (device.tlsMode == TlsVerification.CA && spec.caPem() == null && (adding || device.caPem == null)) {
            errors.add(new FieldError("caPem", "is required with tlsMode ca: the PEM of the CA that issued the device's certificate"));
        }
        if (spec.caPem() != null && device.tlsMode != TlsVerification.CA) {
            errors.add(new FieldError("caPem", "goes only with tlsMode ca"));
        }
        if (spec.enabled() != null || adding) {
            device.enabled = spec.enabled() == null || spec.enabled();
        }
    }

    private static String caProblem(String pem) {
        if (pem.length() > MAX_CA_PEM) {
            return "must be at most " + MAX_CA_PEM + " characters";
        }
        try {
            var certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            return certificates.isEmpty() ? "holds no certificate" : null;
        } catch (CertificateException e) {
            return "is not a PEM certificate";
        }
    }

    private static String address(String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError("address", "is required: the device's management IP address or host name"));
            return "";
        }
        String address = value.strip();
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        boolean valid;
        if (address.chars().allMatch(c -> Character.isDigit(c) || c == '.') && address.indexOf('.') > 0) {
            try {
                AddressRange.parse(address);
                valid = true;
            } catch (IllegalArgumentException e) {
                valid = false;
            }
        } else {
            valid = address.length() <= 253 && (HOST_NAME.matcher(address).matches() || IPV6.matcher(address).matches());
        }
        if (!valid) {
            errors.add(new FieldError("address", "'" + value.strip() + "' is not an IP address or host name"
                    + " (no scheme, port, path or credentials: those have their own fields)"));
        }
        return address.toLowerCase(Locale.ROOT);
    }

    private static void refuse(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            StringBuilder detail = new StringBuilder();
            for (FieldError error : errors) {
                detail.append(detail.length() == 0 ? "" : "; ").append(error.field()).append(": ").append(error.message());
            }
            throw new SatelliteException(ErrorKind.VALIDATION, detail.toString(), errors);
        }
    }

    private static PullDevice copy(PullDevice template) {
        PullDevice device = new PullDevice();
        device.port = template.port;
        device.scheme = template.scheme;
        device.username = template.username;
        device.passwordSealed = template.passwordSealed;
        device.virtualAccountId = template.virtualAccountId;
        device.tlsMode = template.tlsMode;
        device.caPem = template.caPem;
        device.enabled = template.enabled;
        return device;
    }
}
