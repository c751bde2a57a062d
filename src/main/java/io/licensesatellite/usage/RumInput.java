package io.licensesatellite.usage;

/**
 * One report as a door hands it over: either already read (a {@link RumWrapper}), or its raw wrapper bytes, or a
 * refusal the door's own reader produced (so the outcome lists it in its place).
 */
public sealed interface RumInput {
    record Raw(byte[] wrapperJson) implements RumInput {}

    record Read(RumWrapper wrapper) implements RumInput {}

    record Unreadable(UsageRefusal reason, String detail) implements RumInput {}

    static RumInput raw(byte[] json) { return new Raw(json); }

    static RumInput of(RumWrapper wrapper) { return new Read(wrapper); }
}
