package io.licensesatellite.admin.api;

import java.util.List;

/**
 * The device CLI lines that point a device at this satellite, per platform, as public configurations show them
 * (docs: protocol-facts A1 for Call Home and Smart Transport, B1 for Smart Licensing Using Policy). {@code iosXe},
 * {@code nxos} and {@code iosXr} use Call Home, the one transport all three share; IOS XE can instead use Smart
 * Transport or, under Smart Licensing Using Policy, push usage to the satellite as a CSLU.
 */
public record DeviceConfigLines(List<String> iosXe, List<String> nxos, List<String> iosXr,
                                List<String> iosXeSmartTransport, List<String> iosXeSlp) {

    static DeviceConfigLines of(DeviceUrls urls) {
        return new DeviceConfigLines(
                List.of("license smart transport callhome",
                        "call-home",
                        " profile \"CiscoTAC-1\"",
                        "  reporting smart-licensing-data",
                        "  destination transport-method http",
                        "  destination address http " + urls.callHome(),
                        "  active"),
                List.of("license smart enable",
                        "callhome",
                        "  destination-profile CiscoTAC-1 transport-method http",
                        "  destination-profile CiscoTAC-1 index 1 http " + urls.callHome(),
                        "  transport http use-vrf management"),
                List.of("http client secure-verify-peer disable",
                        "call-home",
                        " service active",
                        " profile CiscoTAC-1",
                        "  destination transport-method http",
                        "  destination address http " + urls.callHome(),
                        "  active"),
                List.of("license smart transport smart",
                        "license smart url " + urls.smartTransport()),
                List.of("license smart transport cslu",
                        "license smart url cslu " + urls.cslu()));
    }
}
