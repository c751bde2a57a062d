package io.licensesatellite.upstream;

/** The emulator's one exception: a kind and a detail precise enough for an operator or a satellite to act on. */
public class EmulatorException extends RuntimeException {
    private final EmulatorError kind;

    public EmulatorException(EmulatorError kind, String detail) {
        super(detail);
        this.kind = kind;
    }

    public EmulatorException(EmulatorError kind, String detail, Throwable cause) {
        super(detail, cause);
        this.kind = kind;
    }

    public EmulatorError kind() { return kind; }
}
