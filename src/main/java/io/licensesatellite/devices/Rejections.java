package io.licensesatellite.devices;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;

/** A refused device request changes nothing: whatever the transaction did so far is rolled back. */
@ApplicationScoped
class Rejections {
    private final TransactionManager transactions;

    Rejections(TransactionManager transactions) {
        this.transactions = transactions;
    }

    DeviceOutcome.Rejected reject(FailureReason reason, String detail) {
        try {
            transactions.setRollbackOnly();
        } catch (SystemException | IllegalStateException e) {
            throw new IllegalStateException("could not mark the transaction for rollback", e);
        }
        return new DeviceOutcome.Rejected(reason, detail);
    }
}
