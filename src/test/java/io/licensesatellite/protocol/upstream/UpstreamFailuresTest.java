package io.licensesatellite.protocol.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.licensesatellite.sync.UpstreamEndpoint;
import io.licensesatellite.sync.UpstreamException;
import io.netty.handler.proxy.HttpProxyHandler.HttpProxyConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The failures the loopback tests cannot provoke reliably: DNS, a proxy that cannot reach the upstream, hostile texts. */
class UpstreamFailuresTest {
    private static final TestPki.Issued CA = TestPki.ca("Upstream CA");

    private static UpstreamFailures failures(UpstreamEndpoint.Proxy proxy) throws UpstreamException {
        UpstreamEndpoint endpoint = new UpstreamEndpoint(URI.create("https://sync.upstream.example:9443/v1"), CA.certificate(),
                null, null, proxy, Duration.ofSeconds(10), Duration.ofSeconds(60));
        return new UpstreamFailures(UpstreamTarget.of(endpoint), endpoint, 1024);
    }

    @Test
    void anUnknownUpstreamHostIsNamedAndRetried() throws Exception {
        UpstreamException failure = failures(null).of(new UnknownHostException("Failed to resolve 'sync.upstream.example'"));

        assertThat(failure.retryable()).isTrue();
        assertThat(failure).hasMessage("cannot resolve the upstream host sync.upstream.example: check the sync URL and the satellite's DNS");
    }

    @Test
    void aProxyThatCannotReachTheUpstreamIsRetried() throws Exception {
        UpstreamException failure = failures(new UpstreamEndpoint.Proxy("proxy.lan", 3128, "sat", "secret"))
                .of(new HttpProxyConnectException("http, basic, proxy.lan/10.0.0.1:3128 => sync.upstream.example:9443, status: 502 Bad Gateway", null));

        assertThat(failure.retryable()).isTrue();
        assertThat(failure).hasMessage("the proxy proxy.lan:3128 did not open a tunnel to the upstream "
                + "https://sync.upstream.example:9443 (502 Bad Gateway)");
    }

    @Test
    void anExchangeTimeoutNamesTheWait() throws Exception {
        UpstreamException failure = failures(null).of(new UpstreamFailures.ExchangeTimedOut());

        assertThat(failure.retryable()).isTrue();
        assertThat(failure).hasMessage("timed out after 60 s waiting for the upstream https://sync.upstream.example:9443 to answer");
    }

    @Test
    void theUpstreamsDetailIsCutAndFreedOfControlCharacters() throws Exception {
        String detail = "line one\\nFAKE LOG LINE " + "x".repeat(400);
        byte[] body = ("{\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8);

        UpstreamException failure = failures(null).of(new UpstreamFailures.Answered(409, "Conflict", "application/problem+json", null, body));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).startsWith("the upstream refused the request (409 Conflict): line one FAKE LOG LINE xxx")
                .doesNotContain("\n").endsWith("...");
        assertThat(failure.getMessage().length()).isLessThan(400);
    }

    @Test
    void aBodyThatIsNotAProblemLeavesTheStatusLine() throws Exception {
        UpstreamException failure = failures(null).of(new UpstreamFailures.Answered(
                403, "Forbidden", "text/html", null, "<html>nope</html>".getBytes(StandardCharsets.UTF_8)));

        assertThat(failure).hasMessage("the upstream refused the request (403 Forbidden)");
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        UpstreamException failure = failures(null).of(new UpstreamFailures.Answered(
                301, "Moved Permanently", null, "https://new.upstream.example/v1", new byte[0]));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessageContaining("to https://new.upstream.example/v1; redirects are not followed");
    }
}
