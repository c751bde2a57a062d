package io.licensesatellite.usage;

/**
 * A report that passed every check that needs no database: read, in the model, from the right device, not from the
 * future. Carries what storage needs, computed outside the writer's transaction.
 *
 * @param index    the report's place in what the door handed over
 * @param digest   SHA-256 of the payload bytes, hex
 * @param stored   payload and signature as {@link StoredReportCodec#RUM_DICTIONARY_1} keeps them
 */
record CheckedReport(int index, RumWrapper wrapper, RumPayload payload, String digest, StoredReportCodec.Encoded stored,
                     int payloadLength) {}
