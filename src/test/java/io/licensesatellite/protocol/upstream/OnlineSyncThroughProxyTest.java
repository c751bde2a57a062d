package io.licensesatellite.protocol.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;

import io.licensesatellite.testing.SatelliteJourney;
import io.licensesatellite.testing.UpstreamLab;
import io.licensesatellite.upstream.UpstreamServer;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Online sync from a network that reaches the upstream only through an authenticating HTTPS proxy. */
@QuarkusTest
class OnlineSyncThroughProxyTest extends SatelliteJourney {

    @Test
    void theSatelliteTunnelsThroughTheProxyWithItsCredentials() throws Exception {
        UpstreamLab lab = UpstreamLab.shared();
        lab.ensureRegistered(api);
        try (UpstreamServer server = lab.emulator().serve("127.0.0.1", 0);
             ConnectProxy proxy = new ConnectProxy("satellite", "proxy-secret")) {
            settings(server, proxy, "proxy-secret");
            api.asAdmin().post("/api/v1/sync/online").then().statusCode(200);
            assertThat(proxy.connectLines()).anySatisfy(line -> assertThat(line).startsWith("CONNECT 127.0.0.1:" + server.port()));
            assertThat(proxy.authorizations()).contains("Basic " + java.util.Base64.getEncoder()
                    .encodeToString("satellite:proxy-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8)));

            settings(server, proxy, "wrong");
            api.asAdmin().post("/api/v1/sync/online").then().statusCode(502).body("type", endsWith("/upstream-refused"))
                    .body("detail", org.hamcrest.Matchers.containsStringIgnoringCase("proxy"));
        } finally {
            api.asAdmin().body(new HashMap<>(Map.of("schedule", "off"))).put("/api/v1/sync/settings").then().statusCode(200);
        }
    }

    private void settings(UpstreamServer server, ConnectProxy proxy, String password) {
        api.asAdmin().body(new HashMap<>(Map.of("schedule", "off", "syncUrl", server.exchangeUrl().toString(),
                        "proxyHost", "127.0.0.1", "proxyPort", proxy.port(), "proxyUsername", "satellite",
                        "proxyPassword", password)))
                .put("/api/v1/sync/settings").then().statusCode(200);
    }
}
