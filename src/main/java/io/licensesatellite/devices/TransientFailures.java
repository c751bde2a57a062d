package io.licensesatellite.devices;

import java.sql.SQLException;

/**
 * Recognises failures a device should simply retry: lock timeouts, deadlocks, concurrent updates, a pool
 * with no free connection, a constraint a racing request won. Anything else is a real fault.
 */
final class TransientFailures {
    /** H2 error codes: lock timeout, deadlock, concurrent update, duplicate key, database closing. */
    private static final int[] H2_TRANSIENT_CODES = {50200, 40001, 90131, 23505, 90098, 90121};

    private TransientFailures() {}

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.persistence.PessimisticLockException
                    || t instanceof jakarta.persistence.LockTimeoutException
                    || t instanceof org.hibernate.PessimisticLockException
                    || t instanceof org.hibernate.exception.LockAcquisitionException
                    || t instanceof org.hibernate.exception.JDBCConnectionException
                    || t instanceof org.hibernate.exception.ConstraintViolationException
                    || t instanceof jakarta.persistence.OptimisticLockException) {
                return true;
            }
            if (t instanceof SQLException sql && isTransient(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransient(SQLException sql) {
        String state = sql.getSQLState();
        if (state != null && (state.startsWith("40") || state.startsWith("08") || state.equals("HYT00") || state.equals("23505"))) {
            return true;
        }
        for (int code : H2_TRANSIENT_CODES) {
            if (sql.getErrorCode() == code) {
                return true;
            }
        }
        String message = sql.getMessage();
        return message != null && message.contains("acquisition timeout");
    }
}
