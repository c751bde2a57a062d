package io.licensesatellite.protocol.smartagent;

import io.licensesatellite.platform.ErrorKind;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;

/**
 * The device door's routes on Vert.x Web: read the body within the limit, then hand it to the
 * {@link DeviceRequestHandler} on a worker thread, since it verifies signatures and waits for a database commit.
 */
public final class DeviceRequestRoutes {
    /** Call Home to a satellite (protocol-facts A1 [S5][S7][S9]); case-sensitive like the original. */
    public static final String CALL_HOME_PATH = "/Transportgateway/services/DeviceRequestHandler";
    /** Smart Transport to an On-Prem (protocol-facts A1 [S5][S8][S9]). */
    public static final String SMART_TRANSPORT_PATH = "/SmartTransport";
    public static final List<String> PATHS = List.of(CALL_HOME_PATH, SMART_TRANSPORT_PATH);

    private final DeviceRequestHandler handler;

    public DeviceRequestRoutes(DeviceRequestHandler handler) {
        this.handler = handler;
    }

    public Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(handler.maxBodyBytes());
        for (String path : PATHS) {
            // ordered=false: requests from many devices run in parallel on the worker pool.
            router.post(path).handler(body).blockingHandler(this::handle, false);
        }
        router.errorHandler(404, ctx -> send(ctx, Problem.of(ErrorKind.NOT_FOUND,
                "Device requests go to " + CALL_HOME_PATH + " or " + SMART_TRANSPORT_PATH + ".").reply()));
        router.errorHandler(405, ctx -> send(ctx, Problem.methodNotAllowed().reply()));
        router.errorHandler(413, ctx -> send(ctx, DeviceRequestHandler.tooLarge(handler.maxBodyBytes()).reply()));
        router.errorHandler(500, ctx -> send(ctx, Problem.of(ErrorKind.INTERNAL, "The request could not be processed.").reply()));
        return router;
    }

    private void handle(RoutingContext ctx) {
        Buffer buffer = ctx.body().buffer();
        byte[] bytes = buffer == null ? new byte[0] : buffer.getBytes();
        send(ctx, handler.handle(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE), bytes));
    }

    private static void send(RoutingContext ctx, DoorReply reply) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response()
                .setStatusCode(reply.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, reply.contentType())
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(Buffer.buffer(reply.body()));
    }
}
