package io.licensesatellite.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.testing.SatelliteProcess;
import io.licensesatellite.upstream.Accounts;
import io.licensesatellite.upstream.UpstreamEmulator;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged satellite is killed with SIGKILL while it imports a response of 10,000 licence lines. After a
 * restart, either the whole response is applied (and acknowledged) or none of it, and importing it again works.
 */
class SyncImportIsAllOrNothingIT {
    static final int ACCOUNTS = 5;
    static final int LINES_PER_ACCOUNT = 2_000;

    @TempDir
    Path temp;

    @Test
    void aKilledImportLeavesAllOrNothing() throws Exception {
        Path dataDir = Files.createDirectories(temp.resolve("data"));
        UpstreamEmulator upstream = new UpstreamEmulator(temp.resolve("upstream"), Clock.systemUTC());
        upstream.init();
        List<String> vaNames = new ArrayList<>();
        for (int v = 0; v < ACCOUNTS; v++) {
            vaNames.add("Kill VA " + v);
        }
        upstream.saveAccounts(accounts(vaNames, 1));

        long importMillis;
        try (SatelliteProcess satellite = new SatelliteProcess(dataDir).start()) {
            byte[] registration = body(satellite.adminFile("GET", "/api/v1/sync/registration-file", null));
            byte[] authorization = upstream.register(registration, "Kill SA", vaNames, null).authorizationFile();
            body(satellite.adminFile("POST", "/api/v1/sync/authorization-file", authorization));
            long started = System.nanoTime();
            syncOnce(satellite, upstream);
            importMillis = (System.nanoTime() - started) / 1_000_000;
        }

        for (int attempt = 2; attempt <= 4; attempt++) {
            upstream.saveAccounts(accounts(vaNames, attempt));
            long before;
            byte[] response;
            try (SatelliteProcess satellite = new SatelliteProcess(dataDir).start()) {
                before = acknowledged(satellite);
                byte[] request = body(satellite.adminFile("POST", "/api/v1/sync/requests?type=full", null));
                response = upstream.answer(request).responseFile();
                CompletableFuture<HttpResponse<byte[]>> upload = CompletableFuture.supplyAsync(() -> {
                    try {
                        return satellite.adminFile("POST", "/api/v1/sync/responses", response);
                    } catch (Exception connectionLost) {
                        return null;
                    }
                });
                Thread.sleep(importMillis * (attempt - 1) / 4);
                satellite.kill();
                upload.join();
            }
            try (SatelliteProcess restarted = new SatelliteProcess(dataDir).start()) {
                long after = acknowledged(restarted);
                int atThisVersion = linesAt(restarted, attempt);
                if (after == before) {
                    assertThat(atThisVersion).as("attempt " + attempt + ": not acknowledged, so nothing applied").isZero();
                    body(restarted.adminFile("POST", "/api/v1/sync/responses", response));
                    assertThat(linesAt(restarted, attempt)).isEqualTo(ACCOUNTS * LINES_PER_ACCOUNT);
                } else {
                    assertThat(atThisVersion).as("attempt " + attempt + ": acknowledged, so all applied")
                            .isEqualTo(ACCOUNTS * LINES_PER_ACCOUNT);
                    assertThat(restarted.adminFile("POST", "/api/v1/sync/responses", response).statusCode()).isEqualTo(409);
                }
            }
        }
    }

    private static void syncOnce(SatelliteProcess satellite, UpstreamEmulator upstream) throws Exception {
        byte[] request = body(satellite.adminFile("POST", "/api/v1/sync/requests?type=full", null));
        body(satellite.adminFile("POST", "/api/v1/sync/responses", upstream.answer(request).responseFile()));
    }

    private static Accounts accounts(List<String> vaNames, int quantity) {
        List<Accounts.VirtualAccount> vas = new ArrayList<>();
        for (String name : vaNames) {
            List<Accounts.LicenseLine> lines = new ArrayList<>();
            for (int i = 0; i < LINES_PER_ACCOUNT; i++) {
                lines.add(Accounts.LicenseLine.perpetual("regid.kill.tag_" + i, "Tag " + i, quantity));
            }
            vas.add(new Accounts.VirtualAccount(name, null, lines));
        }
        return new Accounts(List.of(new Accounts.SmartAccount("Kill SA", vas)));
    }

    private static long acknowledged(SatelliteProcess satellite) throws Exception {
        String json = satellite.admin("GET", "/api/v1/sync", null).body();
        Matcher m = Pattern.compile("\"acknowledgedSequence\"\\s*:\\s*(\\d+|null)").matcher(json);
        assertThat(m.find()).as(json).isTrue();
        return m.group(1).equals("null") ? 0 : Long.parseLong(m.group(1));
    }

    /** Licence lines across the VAs whose quantity is this attempt's. */
    private static int linesAt(SatelliteProcess satellite, int quantity) throws Exception {
        String vas = satellite.admin("GET", "/api/v1/virtual-accounts", null).body();
        Matcher ids = Pattern.compile("\"id\"\\s*:\\s*(\\d+)\\s*,\\s*\"name\"\\s*:\\s*\"Kill VA").matcher(vas);
        int count = 0;
        while (ids.find()) {
            String pools = satellite.admin("GET", "/api/v1/virtual-accounts/" + ids.group(1) + "/licenses", null).body();
            Matcher q = Pattern.compile("\"quantity\"\\s*:\\s*" + quantity + "\\s*,").matcher(pools);
            while (q.find()) {
                count++;
            }
        }
        return count;
    }

    private static byte[] body(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isBetween(200, 299);
        return response.body();
    }
}
