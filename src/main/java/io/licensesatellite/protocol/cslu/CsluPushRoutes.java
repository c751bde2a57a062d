package io.licensesatellite.protocol.cslu;

import io.licensesatellite.platform.ErrorKind;
import io.licensesatellite.protocol.smartagent.AdditionalDoorRoutes;
import io.licensesatellite.protocol.smartagent.DoorReply;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The push door for policy devices on the device door's server(s): {@code /cslu/v1/pi} and {@code /cslu/v1/pi/<tenant>}
 * with any sub-path, HTTPS and, where the operator enabled the device door's plain-HTTP port, HTTP. Reads the body
 * within the limit and hands it to the {@link CsluPushHandler} on a worker thread, since storing waits for a commit.
 */
@ApplicationScoped
public class CsluPushRoutes implements AdditionalDoorRoutes {
    public static final String BASE_PATH = "/cslu/v1/pi";
    private static final int MAX_TENANT_LENGTH = 400;

    private final CsluPushHandler handler;

    @Inject
    public CsluPushRoutes(CsluUsage usage, CsluDoorConfig config) {
        this(new CsluPushHandler(usage, config.maxBodyBytes(), config.pollInterval()));
    }

    public CsluPushRoutes(CsluPushHandler handler) {
        this.handler = handler;
    }

    @Override
    public String describe() {
        return BASE_PATH + "[/<tenant>]";
    }

    @Override
    public void addTo(Router router) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(handler.maxBodyBytes());
        for (String path : new String[] {BASE_PATH, BASE_PATH + "/*"}) {
            router.route(path).method(HttpMethod.POST).handler(body).blockingHandler(this::handle, false);
            router.route(path).method(HttpMethod.PUT).handler(body).blockingHandler(this::handle, false);
            router.route(path).method(HttpMethod.GET).handler(ctx -> send(ctx, handler.handle(tenant(ctx), null, new byte[0], peer(ctx))));
        }
    }

    private void handle(RoutingContext ctx) {
        String tenant;
        try {
            tenant = tenant(ctx);
        } catch (IllegalArgumentException e) {
            send(ctx, CsluPushHandler.problem(ErrorKind.MALFORMED, "The tenant in the path is not valid URL encoding."));
            return;
        }
        Buffer buffer = ctx.body().buffer();
        byte[] bytes = buffer == null ? new byte[0] : buffer.getBytes();
        send(ctx, handler.handle(tenant, ctx.request().getHeader(HttpHeaders.CONTENT_TYPE), bytes, peer(ctx)));
    }

    /** The first path segment after {@code /cslu/v1/pi/}, URL-decoded ({@code CUBE%20Lab-1} is VA "CUBE Lab", local account 1). */
    static String tenant(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path.length() <= BASE_PATH.length() + 1) {
            return null;
        }
        String rest = path.substring(BASE_PATH.length() + 1);
        int slash = rest.indexOf('/');
        String segment = slash < 0 ? rest : rest.substring(0, slash);
        if (segment.isEmpty() || segment.length() > MAX_TENANT_LENGTH) {
            return null;
        }
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String peer(RoutingContext ctx) {
        return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
    }

    private static void send(RoutingContext ctx, DoorReply reply) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(reply.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, reply.contentType())
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(Buffer.buffer(reply.body()));
    }
}
