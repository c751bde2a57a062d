package io.licensesatellite.upstream;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the operator put in {@code accounts.yml}: Smart Accounts, their Virtual Accounts and the licence lines
 * of each. Immutable; the {@code with...} methods return an edited copy for {@link UpstreamEmulator#saveAccounts}.
 */
public record Accounts(List<SmartAccount> smartAccounts) {

    public Accounts {
        smartAccounts = List.copyOf(smartAccounts);
    }

    public record SmartAccount(String name, List<VirtualAccount> virtualAccounts) {
        public SmartAccount {
            virtualAccounts = List.copyOf(virtualAccounts);
        }

        public Optional<VirtualAccount> virtualAccount(String vaName) {
            return virtualAccounts.stream().filter(va -> va.name().equals(vaName)).findFirst();
        }
    }

    /** @param description optional, shown to the satellite */
    public record VirtualAccount(String name, String description, List<LicenseLine> licenses) {
        public VirtualAccount {
            licenses = List.copyOf(licenses);
        }
    }

    /**
     * One licence line of a VA.
     *
     * @param endDate       last day a TERM licence counts (inclusive); null for PERPETUAL
     * @param higherTierTag the tag that may stand in when this one runs short, or null
     */
    public record LicenseLine(String tag, String displayName, int quantity, LicenseType type, LocalDate endDate,
            String higherTierTag) {

        public static LicenseLine perpetual(String tag, String displayName, int quantity) {
            return new LicenseLine(tag, displayName, quantity, LicenseType.PERPETUAL, null, null);
        }

        public static LicenseLine term(String tag, String displayName, int quantity, LocalDate endDate) {
            return new LicenseLine(tag, displayName, quantity, LicenseType.TERM, endDate, null);
        }

        public LicenseLine withQuantity(int newQuantity) {
            return new LicenseLine(tag, displayName, newQuantity, type, endDate, higherTierTag);
        }
    }

    public enum LicenseType { PERPETUAL, TERM }

    public Optional<SmartAccount> smartAccount(String name) {
        return smartAccounts.stream().filter(sa -> sa.name().equals(name)).findFirst();
    }

    /** A copy where the line with {@code line.tag()} in that VA is replaced, or added when the VA has none. */
    public Accounts withLicense(String smartAccount, String virtualAccount, LicenseLine line) {
        return editVirtualAccount(smartAccount, virtualAccount, va -> {
            List<LicenseLine> lines = new ArrayList<>(va.licenses());
            int at = indexOfTag(lines, line.tag());
            if (at >= 0) {
                lines.set(at, line);
            } else {
                lines.add(line);
            }
            return new VirtualAccount(va.name(), va.description(), lines);
        });
    }

    /** A copy without the line of that tag in that VA. */
    public Accounts withoutLicense(String smartAccount, String virtualAccount, String tag) {
        return editVirtualAccount(smartAccount, virtualAccount, va -> new VirtualAccount(va.name(), va.description(),
                va.licenses().stream().filter(l -> !l.tag().equals(tag)).toList()));
    }

    /** A copy with one more VA (no licences) in that Smart Account. */
    public Accounts withVirtualAccount(String smartAccount, String virtualAccount, String description) {
        SmartAccount sa = requireSmartAccount(smartAccount);
        List<VirtualAccount> vas = new ArrayList<>(sa.virtualAccounts());
        vas.add(new VirtualAccount(virtualAccount, description, List.of()));
        return replace(new SmartAccount(sa.name(), vas));
    }

    private Accounts editVirtualAccount(String smartAccount, String virtualAccount,
            java.util.function.UnaryOperator<VirtualAccount> edit) {
        SmartAccount sa = requireSmartAccount(smartAccount);
        VirtualAccount va = sa.virtualAccount(virtualAccount).orElseThrow(() -> new EmulatorException(
                EmulatorError.UNKNOWN_ACCOUNT, "Smart Account '" + smartAccount + "' has no Virtual Account '" + virtualAccount + "'"));
        List<VirtualAccount> vas = sa.virtualAccounts().stream().map(v -> v == va ? edit.apply(v) : v).toList();
        return replace(new SmartAccount(sa.name(), vas));
    }

    private SmartAccount requireSmartAccount(String name) {
        return smartAccount(name).orElseThrow(() -> new EmulatorException(
                EmulatorError.UNKNOWN_ACCOUNT, "accounts.yml has no Smart Account '" + name + "'"));
    }

    private Accounts replace(SmartAccount edited) {
        return new Accounts(smartAccounts.stream().map(sa -> Objects.equals(sa.name(), edited.name()) ? edited : sa).toList());
    }

    private static int indexOfTag(List<LicenseLine> lines, String tag) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).tag().equals(tag)) {
                return i;
            }
        }
        return -1;
    }
}
