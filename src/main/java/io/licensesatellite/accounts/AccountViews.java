package io.licensesatellite.accounts;

import java.time.Instant;
import java.time.LocalDate;

/** Read models the accounts feature hands to other features and to the admin API. */
public final class AccountViews {
    private AccountViews() {}

    public record SmartAccountView(long id, String name, Instant createdAt) {}

    /** @param upstreamManaged assigned by the upstream: licences change only through sync */
    public record VirtualAccountView(long id, String name, String description, Instant createdAt,
                                     boolean upstreamManaged) {
        static VirtualAccountView of(VirtualAccount va) {
            return new VirtualAccountView(va.id, va.name, va.description, va.createdAt, va.upstreamManaged);
        }
    }

    public record LicensePoolView(long id, long virtualAccountId, String tag, String displayName, int quantity,
                                  LicenseType type, LocalDate endDate, String higherTierTag, LicenseSource source,
                                  boolean expired, Instant updatedAt) {
        static LicensePoolView of(LicensePool p, LocalDate today) {
            return new LicensePoolView(p.id, p.virtualAccountId, p.tag, p.displayName, p.quantity, p.licenseType,
                    p.endDate, p.higherTierTag, p.source, p.effectiveQuantity(today) == 0 && p.quantity > 0, p.updatedAt);
        }
    }

    /**
     * One tag of one VA. {@code inUse} is everything charged to the tag (its own devices and lower tiers it
     * lends to); {@code lentToLowerTiers} the part of that lent; {@code borrowedFromHigherTier} what devices
     * asking for this tag took from a higher tier. {@code balance = purchased - inUse}.
     */
    public record ComplianceRow(String tag, String displayName, int purchased, int inUse, int lentToLowerTiers,
                                int borrowedFromHigherTier, int balance, boolean inCompliance) {}

    public record NewLicensePool(String tag, String displayName, int quantity, LicenseType type, LocalDate endDate,
                                 String higherTierTag) {}

    /** What one tag of an authorisation got: see {@link ComplianceLedger.Allocation}. */
    public record TagAllocation(String tag, int requested, int coveredExactly, String borrowedFrom, int borrowed,
                                int shortfall) {}

    public record TagRequest(String tag, int count) {}

    public record AccountNames(String smartAccount, String virtualAccount) {}
}
