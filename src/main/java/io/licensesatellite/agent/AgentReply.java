package io.licensesatellite.agent;

/** A signed answer from the satellite: the typed data on success, or the status word and exact reason on failure. */
public sealed interface AgentReply<T> {

    boolean succeeded();

    record Success<T>(T data) implements AgentReply<T> {
        @Override
        public boolean succeeded() {
            return true;
        }
    }

    /**
     * @param status the header status word: FAILED, OK_TRY_AGAIN or LS_INVALID_DATA
     * @param failureReason the header's failure_reason, verbatim
     * @param authenticated false only for a failed registration of a device that holds no signer certificate yet,
     *                      which therefore cannot check the reply's signature
     */
    record Failure<T>(String status, String failureReason, boolean authenticated) implements AgentReply<T> {
        @Override
        public boolean succeeded() {
            return false;
        }

        /** The satellite asks for a later retry rather than refusing. */
        public boolean transientFailure() {
            return "OK_TRY_AGAIN".equals(status);
        }
    }
}
