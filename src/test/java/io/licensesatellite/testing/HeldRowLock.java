package io.licensesatellite.testing;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Another transaction holding a row lock ({@code select ... for update}) until closed: the real cause of a busy
 * database, for tests of what devices and operators are told then.
 */
public final class HeldRowLock implements AutoCloseable {
    private final CountDownLatch release = new CountDownLatch(1);
    private final CompletableFuture<Void> holder;

    public HeldRowLock(EntityManager entityManager, String table, long id) throws InterruptedException {
        CountDownLatch locked = new CountDownLatch(1);
        holder = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("select id from " + table + " where id = ?1 for update")
                    .setParameter(1, id).getResultList();
            locked.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        if (!locked.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("could not lock " + table + " row " + id);
        }
    }

    @Override
    public void close() throws Exception {
        release.countDown();
        holder.get(30, TimeUnit.SECONDS);
    }
}
