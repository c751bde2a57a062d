package io.licensesatellite.usage;

/**
 * Where a group of reports came from, and what it says about their device and account.
 *
 * @param kind               push, pull or file
 * @param tenant             the tenant of the push URL ({@code /cslu/v1/pi/<tenant>}), URL-decoded, or null; see
 *                           {@link TenantPolicy} for how it names a Virtual Account
 * @param virtualAccountId   the VA an operator chose (file upload, pull schedule), or null; wins over the name
 * @param envelopeDevice     the device the envelope or file names (push body's sudi, file's system info), or null;
 *                           every report must be from it
 * @param hostname           the device's host name if the envelope says, or null
 * @param receivedFrom       who handed it over, for the record (peer address, operator name)
 */
public record IngestSource(ReportSource kind, String tenant, Long virtualAccountId, DeviceId envelopeDevice,
                           String hostname, String receivedFrom) {

    public static IngestSource push(String tenant, DeviceId envelopeDevice, String hostname, String peer) {
        return new IngestSource(ReportSource.PUSH, tenant, null, envelopeDevice, hostname, peer);
    }

    public static IngestSource file(Long virtualAccountId, DeviceId fileDevice, String hostname, String operator) {
        return new IngestSource(ReportSource.FILE, null, virtualAccountId, fileDevice, hostname, operator);
    }

    public static IngestSource pull(Long virtualAccountId, DeviceId device, String hostname, String address) {
        return new IngestSource(ReportSource.PULL, null, virtualAccountId, device, hostname, address);
    }
}
