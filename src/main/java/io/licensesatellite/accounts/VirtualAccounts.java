package io.licensesatellite.accounts;

import io.licensesatellite.accounts.AccountViews.LicensePoolView;
import io.licensesatellite.accounts.AccountViews.NewLicensePool;
import io.licensesatellite.accounts.AccountViews.SmartAccountView;
import io.licensesatellite.accounts.AccountViews.VirtualAccountView;
import io.licensesatellite.platform.VisibleAccounts;
import io.licensesatellite.platform.ErrorKind;
import io.licensesatellite.platform.PageRequest;
import io.licensesatellite.platform.SatelliteException;
import io.licensesatellite.platform.api.PageOf;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Smart Account, Virtual Accounts and their licence pools. */
@ApplicationScoped
public class VirtualAccounts {
    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_TAG_LENGTH = 512;

    private final SmartAccountRepository smartAccounts;
    private final VirtualAccountRepository accounts;
    private final LicensePoolRepository pools;
    private final Clock clock;
    private final VisibleAccounts visible;

    public VirtualAccounts(SmartAccountRepository smartAccounts, VirtualAccountRepository accounts,
                           LicensePoolRepository pools, Clock clock, VisibleAccounts visible) {
        this.visible = visible;
        this.smartAccounts = smartAccounts;
        this.accounts = accounts;
        this.pools = pools;
        this.clock = clock;
    }

    @Transactional
    public Optional<SmartAccountView> smartAccount() {
        return smartAccounts.current().map(s -> new SmartAccountView(s.id, s.name, s.createdAt));
    }

    @Transactional
    public SmartAccountView nameSmartAccount(String name) {
        String checked = requireName("name", name);
        SmartAccount account = smartAccounts.current().orElseGet(() -> {
            SmartAccount created = new SmartAccount();
            created.createdAt = clock.instant();
            return created;
        });
        account.name = checked;
        smartAccounts.persist(account);
        return new SmartAccountView(account.id, account.name, account.createdAt);
    }

    /**
     * The names a device prints for its account, in one query (it runs in every registration): the Smart Account's
     * ("" until an operator or sync names it) and the Virtual Account's.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AccountViews.AccountNames names(long vaId) {
        Object[] row = accounts.getEntityManager().createQuery(
                "select va.name, (select min(s.name) from SmartAccount s) from VirtualAccount va where va.id = ?1", Object[].class)
                .setParameter(1, vaId).getResultStream().findFirst()
                .orElseThrow(() -> SatelliteException.notFound("No Virtual Account with id " + vaId));
        return new AccountViews.AccountNames(row[1] == null ? "" : (String) row[1], (String) row[0]);
    }

    @Transactional
    public VirtualAccountView create(String name, String description) {
        String checked = requireName("name", name);
        if (accounts.findByName(checked).isPresent()) {
            throw new SatelliteException(ErrorKind.CONFLICT, "A Virtual Account named '" + checked + "' already exists");
        }
        if (description != null && description.length() > 1000) {
            throw SatelliteException.invalid("description", "at most 1000 characters");
        }
        VirtualAccount va = new VirtualAccount();
        va.name = checked;
        va.description = description;
        va.createdAt = clock.instant();
        accounts.persist(va);
        return VirtualAccountView.of(va);
    }

    /** The id of the Virtual Account with this exact name, if any. */
    @Transactional
    public Optional<Long> idOf(String name) {
        return accounts.findByName(name).map(va -> va.id);
    }

    @Transactional
    public List<VirtualAccountView> list() {
        return accounts.listAll().stream().filter(va -> visible.canSee(va.id)).map(VirtualAccountView::of).toList();
    }

    public static final List<String> SORTS = List.of("name", "id");

    @Transactional
    public PageOf<VirtualAccountView> page(String nameContains, PageRequest request) {
        String name = nameContains == null || nameContains.isBlank() ? null : nameContains.trim();
        java.util.Optional<java.util.Set<Long>> only = visible.limitedTo();
        if (only.isPresent()) {
            // A limited viewer sees a handful of accounts: filter them all, then page.
            List<VirtualAccountView> mine = accounts.page(name, request.sortField(), request.descending(), 0, Integer.MAX_VALUE)
                    .stream().filter(va -> only.get().contains(va.id)).map(VirtualAccountView::of).toList();
            return new PageOf<>(request.slice(mine), request.page(), request.size(), mine.size());
        }
        return new PageOf<>(accounts.page(name, request.sortField(), request.descending(), request.offset(), request.size())
                .stream().map(VirtualAccountView::of).toList(), request.page(), request.size(), accounts.count(name));
    }

    @Transactional
    public VirtualAccountView get(long id) {
        return VirtualAccountView.of(require(id));
    }

    @Transactional
    public LicensePoolView addLicense(long vaId, NewLicensePool pool) {
        if (require(vaId).upstreamManaged) {
            throw new SatelliteException(ErrorKind.CONFLICT, "Virtual Account " + vaId
                    + " takes its licences from the upstream; change them there and synchronise");
        }
        String tag = requireTag("tag", pool.tag());
        String displayName = pool.displayName() == null || pool.displayName().isBlank() ? tag : pool.displayName().trim();
        if (displayName.length() > MAX_TAG_LENGTH) {
            throw SatelliteException.invalid("displayName", "at most " + MAX_TAG_LENGTH + " characters");
        }
        if (pool.quantity() < 0 || pool.quantity() > 10_000_000) {
            throw SatelliteException.invalid("quantity", "must be between 0 and 10000000");
        }
        LicenseType type = pool.type() == null ? LicenseType.PERPETUAL : pool.type();
        if (type == LicenseType.TERM && pool.endDate() == null) {
            throw SatelliteException.invalid("endDate", "a term licence needs an end date");
        }
        if (type == LicenseType.PERPETUAL && pool.endDate() != null) {
            throw SatelliteException.invalid("endDate", "a perpetual licence has no end date");
        }
        String higher = pool.higherTierTag() == null || pool.higherTierTag().isBlank() ? null : requireTag("higherTierTag", pool.higherTierTag());
        if (tag.equals(higher)) {
            throw SatelliteException.invalid("higherTierTag", "a tag cannot stand in for itself");
        }
        if (pools.find(vaId, tag).isPresent()) {
            throw new SatelliteException(ErrorKind.CONFLICT, "Virtual Account " + vaId + " already has a pool for tag '" + tag + "'");
        }
        Instant now = clock.instant();
        LicensePool entity = new LicensePool();
        entity.virtualAccountId = vaId;
        entity.tag = tag;
        entity.displayName = displayName;
        entity.quantity = pool.quantity();
        entity.licenseType = type;
        entity.endDate = pool.endDate();
        entity.higherTierTag = higher;
        entity.source = LicenseSource.LOCAL;
        entity.createdAt = now;
        entity.updatedAt = now;
        pools.persist(entity);
        return LicensePoolView.of(entity, today());
    }

    @Transactional
    public List<LicensePoolView> licenses(long vaId) {
        require(vaId);
        LocalDate today = today();
        return pools.forAccount(vaId).stream().map(p -> LicensePoolView.of(p, today)).toList();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private VirtualAccount require(long id) {
        VirtualAccount va = accounts.findById(id);
        if (va == null || !visible.canSee(id)) {
            throw SatelliteException.notFound("No Virtual Account with id " + id);
        }
        return va;
    }

    private static String requireName(String field, String value) {
        if (value == null || value.isBlank()) {
            throw SatelliteException.invalid(field, "must not be blank");
        }
        String trimmed = value.trim();
        if (trimmed.length() > MAX_NAME_LENGTH) {
            throw SatelliteException.invalid(field, "at most " + MAX_NAME_LENGTH + " characters");
        }
        return trimmed;
    }

    private static String requireTag(String field, String value) {
        if (value == null || value.isBlank()) {
            throw SatelliteException.invalid(field, "must not be blank");
        }
        String trimmed = value.trim();
        if (trimmed.length() > MAX_TAG_LENGTH) {
            throw SatelliteException.invalid(field, "at most " + MAX_TAG_LENGTH + " characters");
        }
        return trimmed;
    }
}
