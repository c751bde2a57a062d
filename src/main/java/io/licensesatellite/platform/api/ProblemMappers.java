package io.licensesatellite.platform.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.licensesatellite.platform.ErrorKind;
import io.licensesatellite.platform.SatelliteException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every failure of the admin API becomes problem+json; no stack trace or class name ever reaches a client. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response satellite(SatelliteException e, UriInfo uri) {
        Response response = Problem.response(e.kind(), e.getMessage(), uri.getPath(), e.fieldErrors());
        return e.retryAfterSeconds() == null ? response
                : Response.fromResponse(response).header("Retry-After", e.retryAfterSeconds()).build();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<SatelliteException.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new SatelliteException.FieldError(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(java.util.Comparator.comparing(SatelliteException.FieldError::field)).toList();
        return Problem.response(ErrorKind.VALIDATION, "The request has " + errors.size() + " field(s) at fault", uri.getPath(), errors);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        return Problem.response(ErrorKind.MALFORMED, "The body is not valid JSON for this request", uri.getPath(), List.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        ErrorKind kind;
        if (e instanceof NotFoundException) {
            kind = ErrorKind.NOT_FOUND;
        } else if (e instanceof NotSupportedException) {
            kind = ErrorKind.UNSUPPORTED_MEDIA;
        } else {
            kind = switch (status) {
                case 400 -> ErrorKind.MALFORMED;
                case 401 -> ErrorKind.UNAUTHENTICATED;
                case 403 -> ErrorKind.FORBIDDEN;
                case 413 -> ErrorKind.TOO_LARGE;
                default -> null;
            };
        }
        if (e instanceof NotAllowedException) {
            return Response.status(405).type(Problem.MEDIA_TYPE).entity(new Problem(
                    "https://license-satellite.io/problems/method-not-allowed", "Method not allowed", 405,
                    "This resource does not accept that method", uri.getPath(), List.of())).build();
        }
        if (kind == null) {
            kind = status >= 500 ? ErrorKind.INTERNAL : ErrorKind.MALFORMED;
        }
        String detail = kind == ErrorKind.NOT_FOUND ? "No resource at " + uri.getPath() : kind.title();
        return Problem.response(kind, detail, uri.getPath(), List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        if (isLockTimeout(e)) {
            return Response.fromResponse(Problem.response(ErrorKind.BUSY,
                    "The database is busy with other changes; nothing was changed, try again", uri.getPath(), List.of()))
                    .header("Retry-After", "1").build();
        }
        LOG.errorf(e, "Unexpected failure serving %s", uri.getPath());
        return Problem.response(ErrorKind.INTERNAL, "An internal error occurred; the satellite log has the details",
                uri.getPath(), List.of());
    }

    /** A row lock not granted in time (H2 error 50200 / SQL state HYT00): the operator may simply retry. */
    private static boolean isLockTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.persistence.LockTimeoutException || t instanceof jakarta.persistence.PessimisticLockException
                    || t instanceof org.hibernate.exception.LockAcquisitionException
                    || (t instanceof java.sql.SQLException sql && "HYT00".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
