package io.licensesatellite.usage;

/** A wrapper or payload the reader refuses; carries the refusal and a detail safe to show the sender. */
public class RumReportException extends Exception {
    private final UsageRefusal refusal;

    public RumReportException(UsageRefusal refusal, String detail) {
        super(detail, null, false, false);
        this.refusal = refusal;
    }

    public UsageRefusal refusal() { return refusal; }
}
