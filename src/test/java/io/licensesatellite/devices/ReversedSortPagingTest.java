package io.licensesatellite.devices;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.agent.AgentMessages.Entitlement;
import io.licensesatellite.agent.AgentMessages.RegisterRequest;
import io.licensesatellite.devices.InstanceViews.InstanceSummary;
import io.licensesatellite.testing.Devices;
import io.licensesatellite.testing.SatelliteJourney;
import io.licensesatellite.testing.TestClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The instance list serves pages in the second half by reading the reverse order from the end. On the real H2 file
 * that must return exactly the rows OFFSET in the asked order returns, for every sort, ties (equal hostnames, equal
 * states, equal timestamps) and null hostnames included.
 */
@QuarkusTest
class ReversedSortPagingTest extends SatelliteJourney {
    @Inject
    ProductInstanceRepository repository;

    @Test
    void readingTheReverseOrderFromTheEndGivesTheSameRowsAsOffset() {
        long va = api.createVirtualAccount("VA-" + UUID.randomUUID());
        api.addLicense(va, "C9300 DNA Advantage", 5, null);
        String token = api.createToken(va, 30, 20, false);
        String[] hostnames = {"dup", null, "dup", "zeta", "alpha", null, "dup"};
        for (int i = 0; i < hostnames.length; i++) {
            var device = Devices.registered(client, Devices.aSwitch(), token);
            if (i % 3 == 0) {
                Devices.success(client.authorize(device, List.of(new Entitlement("C9300 DNA Advantage", 1))));
            }
            if (i % 2 == 0) {
                TestClock.CLOCK.advance(Duration.ofMinutes(5));
            }
            rename(device.productInstanceId(), hostnames[i]);
        }
        var filter = new ProductInstanceRepository.Filter(null, va, null, null, null);
        int total = hostnames.length;
        for (String field : ProductInstanceRepository.SORT_COLUMNS.keySet()) {
            for (boolean descending : new boolean[] {false, true}) {
                for (int size : new int[] {2, 3}) {
                    for (int from = 0; from < total; from += size) {
                        int offset = from;
                        int end = Math.min(total, offset + size);
                        List<String> byOffset = ids(QuarkusTransaction.requiringNew().call(
                                () -> repository.summaries(filter, field, descending, offset, size)));
                        List<String> fromTheEnd = new ArrayList<>(ids(QuarkusTransaction.requiringNew().call(
                                () -> repository.summaries(filter, field, !descending, total - end, end - offset))));
                        Collections.reverse(fromTheEnd);
                        assertThat(fromTheEnd).as("%s%s size %d offset %d", descending ? "-" : "", field, size, offset)
                                .isEqualTo(byOffset).hasSize(end - offset);
                    }
                }
            }
        }
    }

    private void rename(String instanceId, String hostname) {
        QuarkusTransaction.requiringNew().run(() -> repository.findByPiid(instanceId).orElseThrow().hostname = hostname);
    }

    private static List<String> ids(List<InstanceSummary> page) {
        return page.stream().map(InstanceSummary::id).toList();
    }
}
