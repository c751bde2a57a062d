package io.licensesatellite.sync.file;

import static io.licensesatellite.sync.file.SyncFileFixtures.*;

import io.licensesatellite.sync.file.SyncResponseFile.LicenseLine;
import io.licensesatellite.sync.file.SyncResponseFile.VirtualAccountLicenses;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Prints how long writing and reading a large request and response take, and how SnakeYAML's own dumper compares
 * on the same tree. Not a test (times are not asserted anywhere): run it by hand, see docs/build-notes.md.
 */
public final class SyncFileBenchmark {
    public static void main(String[] args) throws Exception {
        int instances = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        boolean writeOnly = args.length > 1 && "write".equals(args[1]);
        SyncFiles files = new SyncFiles(SyncFileLimits.defaults());
        SyncRequestFile request = aLargeRequest(instances);
        SyncResponseFile response = aLargeResponse(10_000);
        byte[] raw = null;
        byte[] rawResponse = null;
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            raw = files.writeRequest(request, SATELLITE.keys().getPrivate(), SATELLITE.certificate());
            long written = System.nanoTime();
            if (!writeOnly) {
                files.readRequest(raw, SATELLITE.trust());
            }
            long read = System.nanoTime();
            rawResponse = files.writeResponse(response, UPSTREAM.keys().getPrivate(), UPSTREAM.certificate());
            long responseWritten = System.nanoTime();
            files.readResponse(rawResponse, UPSTREAM.trust());
            long responseRead = System.nanoTime();
            System.out.printf("round %d: request (%d instances, %d events, %.1f MB) write %d ms, read %d ms;"
                            + " response (10000 licence lines, %.1f KB) write %d ms, read %d ms%n",
                    round, instances, request.payload().events().size(), raw.length / 1e6, (written - start) / 1_000_000,
                    (read - written) / 1_000_000, rawResponse.length / 1e3, (responseWritten - read) / 1_000_000,
                    (responseRead - responseWritten) / 1_000_000);
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setDefaultScalarStyle(DumperOptions.ScalarStyle.DOUBLE_QUOTED);
        Yaml yaml = new Yaml(options);
        // SnakeYAML's dumper on a tenth of the request: on the whole one it runs for minutes.
        SyncRequestFile tenth = aLargeRequest(instances / 10);
        Map<String, Object> tree = tree(tenth);
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            byte[] dumped = yaml.dump(tree).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            long dumpedAt = System.nanoTime();
            byte[] ours = SyncRequestFormat.write(tenth).toBytes();
            System.out.printf("%d instances: SnakeYAML dump of the tree %d ms (%.1f MB); our writer, same records, %d ms (%.1f MB)%n",
                    instances / 10, (dumpedAt - start) / 1_000_000, dumped.length / 1e6, (System.nanoTime() - dumpedAt) / 1_000_000,
                    ours.length / 1e6);
        }
    }

    static SyncResponseFile aLargeResponse(int lines) {
        List<VirtualAccountLicenses> vas = new ArrayList<>();
        for (int v = 0; v < lines / 100; v++) {
            List<LicenseLine> list = new ArrayList<>();
            for (int l = 0; l < 100; l++) {
                list.add(l % 2 == 0
                        ? new LicenseLine("regid.2017-03.com.cisco.TAG_" + l, "Licence " + l, l, "TERM", LocalDate.parse("2027-03-31"), null)
                        : new LicenseLine("regid.2017-03.com.cisco.TAG_" + l, "Licence " + l, l, "PERPETUAL", null, "regid.higher"));
            }
            vas.add(new VirtualAccountLicenses("VA " + v, null, list));
        }
        SyncResponseFile small = aResponse();
        return new SyncResponseFile(small.header(), new SyncResponseFile.Licenses(true, vas), small.alerts(), null);
    }

    private static Map<String, Object> tree(SyncRequestFile request) {
        List<Object> instances = new ArrayList<>();
        for (SyncRequestFile.Instance i : request.payload().productInstances()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", i.id());
            m.put("udi", Map.of("pid", i.pid(), "serial", i.serial()));
            m.put("hostname", i.hostname());
            m.put("virtual_account", i.virtualAccount());
            m.put("state", i.state());
            m.put("export_controlled", i.exportControlled());
            m.put("id_certificate", Map.of("serial", i.idCertificateSerial(), "not_after", i.idCertificateNotAfter().toString()));
            m.put("registered_at", i.registeredAt().toString());
            m.put("last_contact_at", i.lastContactAt().toString());
            m.put("authorization_expires_at", i.authorizationExpiresAt().toString());
            m.put("licenses", i.licenses().stream().map(l -> Map.of("tag", l.tag(), "count", l.count(), "covered", l.covered())).toList());
            instances.add(m);
        }
        List<Object> events = new ArrayList<>();
        for (SyncRequestFile.Event e : request.payload().events()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.id());
            m.put("occurred_at", e.occurredAt().toString());
            m.put("instance_id", e.instanceId());
            m.put("udi", e.udi());
            m.put("virtual_account", e.virtualAccount());
            m.put("type", e.type());
            m.put("detail", e.detail());
            events.add(m);
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("product_instances", instances);
        payload.put("events", events);
        return Map.of("payload", payload);
    }
}
