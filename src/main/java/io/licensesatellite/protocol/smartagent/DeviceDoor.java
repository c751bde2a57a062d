package io.licensesatellite.protocol.smartagent;

import io.licensesatellite.devices.DeviceRequests;
import io.licensesatellite.pki.SatelliteKeys;
import io.licensesatellite.pki.TlsMaterial;
import io.licensesatellite.platform.SatelliteConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The device door's own HTTP server, apart from the Quarkus HTTP server that serves the admin door. One
 * server instance per core shares the port, because TLS handshakes run on the event loops and a single
 * loop would cap the handshake rate at one core.
 */
@Singleton
public class DeviceDoor {
    private static final Logger LOG = Logger.getLogger(DeviceDoor.class);
    private static final long START_TIMEOUT_SECONDS = 30;
    private static final AtomicInteger RANDOM_PORT_GROUPS = new AtomicInteger();

    private final Vertx vertx;
    private final DeviceRequestRoutes routes;
    private final DeviceDoorSettings settings;
    private final Clock clock;
    private final List<AdditionalDoorRoutes> additional;
    private final List<String> deployments = new ArrayList<>();
    private volatile int port = -1;
    private volatile int plainHttpPort = -1;

    @Inject
    DeviceDoor(Vertx vertx, DeviceRequests requests, SatelliteKeys keys, DeviceDoorConfig config,
               SatelliteConfig satellite, Clock clock, jakarta.enterprise.inject.Instance<AdditionalDoorRoutes> additional) {
        this(vertx, requests, keys, DeviceDoorSettings.from(config, Path.of(satellite.dataDir()), certificateNames(satellite.name())),
                clock, additional.stream().toList());
    }

    public DeviceDoor(Vertx vertx, DeviceRequests requests, SatelliteKeys keys, DeviceDoorSettings settings, Clock clock) {
        this(vertx, requests, keys, settings, clock, List.of());
    }

    public DeviceDoor(Vertx vertx, DeviceRequests requests, SatelliteKeys keys, DeviceDoorSettings settings, Clock clock,
                      List<AdditionalDoorRoutes> additional) {
        this.additional = List.copyOf(additional);
        this.vertx = vertx;
        this.settings = settings;
        this.clock = clock;
        this.routes = new DeviceRequestRoutes(new DeviceRequestHandler(requests, keys, clock, settings.maxBodyBytes()));
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        try {
            stop();
        } catch (IllegalStateException e) {
            // Vert.x may already be closing its servers itself; nothing is left to release.
            LOG.debugf("Device door stop: %s", e.getMessage());
        }
    }

    /** Binds the port(s) and returns once the door accepts connections; a bind failure stops the start. */
    public synchronized void start() {
        if (port >= 0) {
            return;
        }
        Router router = routes.router(vertx);
        additional.forEach(r -> r.addTo(router));
        int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
        if (settings.tlsEnabled()) {
            prepareTlsMaterial();
        }
        HttpServerOptions options = serverOptions(settings.tlsEnabled());
        port = listen(router, options, settings.port(), instances);
        LOG.infof("Device door listening on %s://%s:%d (paths %s, %s%s)", settings.tlsEnabled() ? "https" : "http",
                settings.host(), port, DeviceRequestRoutes.CALL_HOME_PATH, DeviceRequestRoutes.SMART_TRANSPORT_PATH,
                additional.stream().map(r -> ", " + r.describe()).reduce("", String::concat));
        if (settings.plainHttpPort().isPresent()) {
            plainHttpPort = listen(router, serverOptions(false), settings.plainHttpPort().getAsInt(), instances);
            LOG.warnf("Device door also listening on plain http://%s:%d: deprecated, registration tokens travel unencrypted",
                    settings.host(), plainHttpPort);
        }
    }

    public synchronized void stop() {
        for (String id : deployments) {
            await(vertx.undeploy(id).toCompletionStage().toCompletableFuture(), "stop the device door");
        }
        deployments.clear();
        if (port >= 0) {
            LOG.infof("Device door on port %d stopped", port);
        }
        port = -1;
        plainHttpPort = -1;
    }

    /** The bound HTTPS (or, with TLS off, HTTP) port; -1 when not started. */
    public int port() {
        return port;
    }

    public OptionalInt plainHttpPort() {
        return plainHttpPort < 0 ? OptionalInt.empty() : OptionalInt.of(plainHttpPort);
    }

    private void prepareTlsMaterial() {
        Path certificate = settings.certificateFile();
        Path key = settings.keyFile();
        if (settings.generateSelfSigned()) {
            List<String> names = settings.certificateNames();
            TlsMaterial.ensureSelfSigned(certificate, key, names.isEmpty() ? null : names.get(0),
                    names.isEmpty() ? List.of() : names.subList(1, names.size()), clock);
        } else if (!Files.isReadable(certificate) || !Files.isReadable(key)) {
            throw new IllegalStateException("satellite.device-door.tls: cannot read " + certificate + " and " + key);
        }
    }

    private HttpServerOptions serverOptions(boolean tls) {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(settings.host())
                .setIdleTimeout((int) settings.idleTimeout().toSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setTcpKeepAlive(true)
                .setDecompressionSupported(false)
                .setCompressionSupported(false);
        if (tls) {
            // The JDK engine keeps a server-side session cache and issues TLS 1.3 tickets, so returning
            // devices resume instead of paying a full handshake.
            options.setSsl(true)
                    .setUseAlpn(false)
                    .setKeyCertOptions(new PemKeyCertOptions()
                            .setCertPath(settings.certificateFile().toString())
                            .setKeyPath(settings.keyFile().toString()))
                    .setEnabledSecureTransportProtocols(Set.of("TLSv1.2", "TLSv1.3"));
        }
        return options;
    }

    /**
     * All instances in one deployment share the port. For port 0 they bind a negative port: Vert.x's way to
     * have several servers share one randomly chosen port instead of each taking its own. The number is
     * unique per listen so that two doors (or the plain-HTTP port) in one Vert.x never join each other.
     */
    private int listen(Router router, HttpServerOptions options, int requestedPort, int instances) {
        AtomicInteger bound = new AtomicInteger(-1);
        deploy(router, new HttpServerOptions(options).setPort(requestedPort == 0 ? RANDOM_PORT_GROUPS.decrementAndGet() : requestedPort), instances, bound);
        return bound.get();
    }

    private void deploy(Router router, HttpServerOptions options, int instances, AtomicInteger bound) {
        String id = await(vertx.deployVerticle(() -> new ServerVerticle(router, options, bound),
                new DeploymentOptions().setInstances(instances)).toCompletionStage().toCompletableFuture(),
                "start the device door on " + options.getHost() + ":" + options.getPort());
        deployments.add(id);
    }

    private static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while trying to " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out trying to " + what, e);
        }
    }

    private static List<String> certificateNames(String satelliteName) {
        List<String> names = new ArrayList<>();
        names.add(satelliteName);  // the CN; SANs follow
        try {
            InetAddress local = InetAddress.getLocalHost();
            names.add(local.getHostName());
            names.add(local.getHostAddress());
        } catch (UnknownHostException e) {
            // localhost and 127.0.0.1 are always added by TlsMaterial
        }
        return names;
    }

    private static final class ServerVerticle extends AbstractVerticle {
        private final Router router;
        private final HttpServerOptions options;
        private final AtomicInteger bound;

        ServerVerticle(Router router, HttpServerOptions options, AtomicInteger bound) {
            this.router = router;
            this.options = options;
            this.bound = bound;
        }

        @Override
        public void start(Promise<Void> started) {
            vertx.createHttpServer(options).requestHandler(router).listen().onSuccess(server -> {
                bound.set(server.actualPort());
                started.complete();
            }).onFailure(started::fail);
        }
    }
}
