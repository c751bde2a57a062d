package io.licensesatellite.protocol.cslu;

import io.licensesatellite.usage.AuthorizationRequests;
import io.licensesatellite.usage.DeviceId;
import io.licensesatellite.usage.RumInput;
import java.util.List;

/** A message on the push door, as read from its body (the bodies are ours: see docs/protocol-divergences.md). */
sealed interface PushMessage {

    /** Usage Reporting: reports of one or more devices. */
    record UsageReporting(List<DeviceReports> reports) implements PushMessage {}

    /** One device's reports in a usage push; {@code sudi} is the device the envelope names. */
    record DeviceReports(DeviceId sudi, String hostname, List<RumInput> usage) {}

    /** Result Polling for a poll id handed out earlier. */
    record ResultPolling(long pollId, DeviceId sudi) implements PushMessage {}

    /** Authorization Request (or Return, with a return code): SLAC requests to store. */
    record AuthorizationRequest(List<AuthorizationRequests.NewRequest> requests) implements PushMessage {}

    /** Trust Establishment: the satellite cannot issue vendor trust codes. */
    record TrustEstablishment() implements PushMessage {}

    /** Hello: answered OK. */
    record Hello() implements PushMessage {}
}
