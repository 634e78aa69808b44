package io.ledgerline.query.web;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds the problem+json bodies (RFC 9457) every error answer uses: a stable {@code code} and its type URN. */
public final class Problems {

    public static final String VALIDATION_FAILED = "validation-failed";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String FORBIDDEN = "forbidden";
    public static final String NOT_FOUND = "not-found";
    public static final String PROJECTION_BEHIND = "projection-behind";
    public static final String RATE_LIMITED = "rate-limited";
    public static final String OVERLOADED = "overloaded";
    public static final String INTERNAL_ERROR = "internal-error";

    private static final String TYPE_PREFIX = "urn:ledgerline:problem:";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String code, String detail, String path) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        decorate(problem, status, code, path);
        return problem;
    }

    public static ProblemDetail validationFailed(List<FieldProblem> errors, String path) {
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, VALIDATION_FAILED, "The request has invalid parameters.",
                path);
        problem.setProperty("errors", errors);
        return problem;
    }

    /** Adds type, title, instance and code to a problem Spring built, keeping its status and detail. */
    public static void decorate(ProblemDetail problem, HttpStatusCode status, String code, String path) {
        problem.setType(URI.create(TYPE_PREFIX + code));
        problem.setTitle(titleOf(code));
        problem.setInstance(toUri(path));
        problem.setProperty("code", code);
    }

    /** "account-not-found" reads "Account not found": one title per code, the same in both services. */
    static String titleOf(String code) {
        String words = code.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** The stable code of a status that has no more specific one. */
    public static String codeFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> VALIDATION_FAILED;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            default -> INTERNAL_ERROR;
        };
    }

    private static URI toUri(String path) {
        try {
            return path == null ? null : URI.create(path);
        } catch (IllegalArgumentException notAUri) {
            return null;
        }
    }
}
