package io.licensesatellite.admin.api;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Security headers on every response of the admin door (API, console files, errors alike), set by a route filter
 * that runs before any handler. The device door is another server and is not touched. The policy allows nothing
 * but the satellite's own origin: the console loads no script, style, font or frame from anywhere else.
 */
@ApplicationScoped
public class SecurityHeaders {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";
    static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
            + "interest-cohort=()";
    /** Runs before every other filter and handler. */
    static final int PRIORITY = 10_000;

    void register(@Observes Filters filters) {
        filters.register(SecurityHeaders::apply, PRIORITY);
    }

    static void apply(RoutingContext context) {
        boolean api = context.normalizedPath().startsWith("/api/");
        context.addHeadersEndHandler(ignored -> {
            MultiMap headers = context.response().headers();
            headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            headers.set("Strict-Transport-Security", "max-age=31536000");
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Permissions-Policy", PERMISSIONS_POLICY);
            headers.set("Cross-Origin-Opener-Policy", "same-origin");
            if (api) {
                headers.set("Cache-Control", "no-store");
            }
        });
        context.next();
    }
}
