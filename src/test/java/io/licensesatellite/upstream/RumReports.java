package io.licensesatellite.upstream;

/** Object mother: RUM report payloads and signatures shaped like the devices' (protocol-facts B3). */
final class RumReports {
    private RumReports() {}

    static final String TAG = "regid.2018-05.com.cisco.WLC_9500C,1.0_1b2c3d";

    static String payload(String pid, String serial, long reportId) {
        return "{\"version\":\"2.0\",\"asset_identification\":{\"report_id\":" + reportId + ",\"asset\":{\"name\":\"" + TAG
                + "\"},\"instance\":{\"sudi\":{\"udi_pid\":\"" + pid + "\",\"udi_serial_number\":\"" + serial + "\"}}},"
                + "\"meta\":{\"entitlement_tag\":\"regid.2017-07.com.cisco.C9300_NW_A,1.0_d1e0d3a4\",\"software_version\":\"17.09.02\"},"
                + "\"measurements\":[{\"log_time\":1700000000,\"metric_name\":\"ENTITLEMENT\",\"start_time\":1699990000,"
                + "\"end_time\":1700000000,\"value\":{\"type\":\"COUNT\",\"value\":\"1\"}}]}";
    }

    static String signature() {
        return "{\"signing_type\":\"builtin\",\"key\":\"" + TAG + "\",\"value\":\"q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=\"}";
    }
}
