package io.licensesatellite.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ComplianceLedgerTest {
    static final String ESSENTIALS = "C9500 Network Essentials";
    static final String ESSENTIALS_32C = "C9500 32C NW Essentials";
    static final String ADVANTAGE = "C9500 Network Advantage";

    @Nested
    @DisplayName("a request the exact tag can cover")
    class ExactTag {
        @Test
        void isChargedToThatTagAndLowersItsBalance() {
            ComplianceLedger ledger = new ComplianceLedger();
            ledger.purchase(ESSENTIALS_32C, 10, ESSENTIALS);
            ComplianceLedger.Allocation a = ledger.allocate(ESSENTIALS_32C, 4);
            assertThat(a.shortfall()).isZero();
            assertThat(a.coveredExactly()).isEqualTo(4);
            assertThat(a.borrowed()).isZero();
            assertThat(a.borrowedFrom()).isNull();
            assertThat(ledger.balance(ESSENTIALS_32C)).isEqualTo(6);
        }
    }

    @Nested
    @DisplayName("a request the exact tag cannot fully cover")
    class Borrowing {
        @Test
        void borrowsTheRestFromTheHigherTier() {
            ComplianceLedger ledger = new ComplianceLedger();
            ledger.purchase(ESSENTIALS_32C, 2, ESSENTIALS);
            ledger.purchase(ESSENTIALS, 5, null);
            ComplianceLedger.Allocation a = ledger.allocate(ESSENTIALS_32C, 4);
            assertThat(a.shortfall()).isZero();
            assertThat(a.coveredExactly()).isEqualTo(2);
            assertThat(a.borrowed()).isEqualTo(2);
            assertThat(a.borrowedFrom()).isEqualTo(ESSENTIALS);
            assertThat(ledger.balance(ESSENTIALS_32C)).isZero();
            assertThat(ledger.balance(ESSENTIALS)).isEqualTo(3);
        }

        @Test
        void climbsSeveralTiers() {
            ComplianceLedger ledger = new ComplianceLedger();
            ledger.purchase(ESSENTIALS_32C, 0, ESSENTIALS);
            ledger.purchase(ESSENTIALS, 1, ADVANTAGE);
            ledger.purchase(ADVANTAGE, 1, null);
            ComplianceLedger.Allocation a = ledger.allocate(ESSENTIALS_32C, 2);
            assertThat(a.shortfall()).isZero();
            assertThat(a.borrowedFrom()).isEqualTo(ESSENTIALS + ", " + ADVANTAGE);
        }

        @Test
        void isOutOfComplianceWhenNoTierHasEnoughAndTheShortfallDrivesTheExactTagNegative() {
            ComplianceLedger ledger = new ComplianceLedger();
            ledger.purchase(ESSENTIALS_32C, 1, ESSENTIALS);
            ledger.purchase(ESSENTIALS, 1, null);
            ComplianceLedger.Allocation a = ledger.allocate(ESSENTIALS_32C, 5);
            assertThat(a.shortfall()).isEqualTo(3);
            assertThat(a.coveredExactly()).isEqualTo(1);
            assertThat(a.borrowed()).isEqualTo(1);
            assertThat(ledger.balance(ESSENTIALS_32C)).isEqualTo(-3);
            assertThat(ledger.balance(ESSENTIALS)).isZero();
        }

        @Test
        void aHierarchyTypedInAsACycleEndsInsteadOfLooping() {
            ComplianceLedger ledger = new ComplianceLedger();
            ledger.purchase("A", 0, "B");
            ledger.purchase("B", 0, "A");
            ComplianceLedger.Allocation a = ledger.allocate("A", 1);
            assertThat(a.shortfall()).isEqualTo(1);
        }
    }

    @Test
    void anUnknownTagIsEntirelyShort() {
        ComplianceLedger ledger = new ComplianceLedger();
        ComplianceLedger.Allocation a = ledger.allocate("regid.2016-07.com.cisco.UCM_Basic,12.0_ef827a2f", 3);
        assertThat(a.shortfall()).isEqualTo(3);
        assertThat(ledger.balance("regid.2016-07.com.cisco.UCM_Basic,12.0_ef827a2f")).isEqualTo(-3);
    }

    @Test
    void aDeviceAlreadyShortDoesNotTakeTheLicenceOfTheDeviceThatHoldsIt() {
        ComplianceLedger ledger = new ComplianceLedger();
        ledger.purchase(ESSENTIALS, 1, null);
        ComplianceLedger.Allocation holder = ledger.allocate(ESSENTIALS, 1);
        ComplianceLedger.Allocation shortDevice = ledger.allocate(ESSENTIALS, 1);
        assertThat(shortDevice.shortfall()).isEqualTo(1);
        // The holder renews: it gives back what it held and asks again; the licence is still its own.
        holder.charges().forEach(ledger::release);
        ComplianceLedger.Allocation renewed = ledger.allocate(ESSENTIALS, 1);
        assertThat(renewed.shortfall()).isZero();
        assertThat(ledger.balance(ESSENTIALS)).isEqualTo(-1);
    }

    @Test
    void releasingRestoresTheBalance() {
        ComplianceLedger ledger = new ComplianceLedger();
        ledger.purchase(ESSENTIALS, 5, null);
        ComplianceLedger.Allocation a = ledger.allocate(ESSENTIALS, 3);
        a.charges().forEach(ledger::release);
        assertThat(ledger.balance(ESSENTIALS)).isEqualTo(5);
    }
}
