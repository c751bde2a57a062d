package io.undeclared;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * A test-only endpoint that declares no permission, outside the scanned packages: the admin door must refuse it to
 * everyone, system administrators included (fail closed).
 */
@Path("/api/v1/test-only/undeclared")
public class UndeclaredResource {
    @GET
    public String secret() {
        return "should never be served";
    }
}
