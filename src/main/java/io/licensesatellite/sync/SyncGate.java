package io.licensesatellite.sync;

import io.licensesatellite.platform.ErrorKind;
import io.licensesatellite.platform.SatelliteException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Never two synchronisations at once: an import, an export and an online run each hold the gate for their
 * whole duration. A second one is refused at once rather than queued, so an operator never waits on a hidden
 * run. (The state row lock in the database backs this up within one transaction.)
 */
@ApplicationScoped
public class SyncGate {
    private final ReentrantLock lock = new ReentrantLock();

    public <T> T exclusively(Supplier<T> work) {
        if (!lock.tryLock()) {
            throw new SatelliteException(ErrorKind.SYNC_IN_PROGRESS,
                    "A synchronisation is already running; try again when it has finished");
        }
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    public boolean running() { return lock.isLocked(); }
}
