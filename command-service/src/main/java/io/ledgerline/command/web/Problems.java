package io.ledgerline.command.web;

import io.ledgerline.command.ledger.CommandFailure;
import io.ledgerline.command.ledger.Refusal;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * RFC 9457 problem details with the ledger's stable kebab-case {@code code} member. Every error response of
 * this service is built here, so clients see one shape and never an exception's text.
 */
public final class Problems {

    public static final String TYPE_PREFIX = "urn:ledgerline:problem:";
    public static final String VALIDATION_FAILED = "validation-failed";

    private Problems() {
    }

    /** One offending field of a request: a JSON path into the body, or the name of a parameter. */
    public record FieldError(String field, String message) {
    }

    public static ProblemDetail problem(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + code));
        problem.setTitle(titleOf(code));
        problem.setProperty("code", code);
        return problem;
    }

    /**
     * A command's failure as HTTP answers it: a refusal 404 for what the caller may not see, 409 for conflicts,
     * else 422; a lost race 409 {@code concurrency-conflict}; anything else 500 {@code internal-error}.
     */
    public static ProblemDetail of(CommandFailure failure) {
        if (failure instanceof CommandFailure.Refused refused) {
            return problem(statusOf(refused.refusal()), refused.refusal().code(), refused.detail());
        }
        if (failure instanceof CommandFailure.Conflict) {
            return problem(HttpStatus.CONFLICT, Refusal.CONCURRENCY_CONFLICT.code(),
                    "the aggregate was changed concurrently; retry the request");
        }
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "the request could not be processed; it may be retried");
    }

    static HttpStatus statusOf(Refusal refusal) {
        return switch (refusal) {
            case ACCOUNT_NOT_FOUND -> HttpStatus.NOT_FOUND;
            case ACCOUNT_ALREADY_EXISTS, TRANSACTION_ID_CONFLICT, CONCURRENCY_CONFLICT -> HttpStatus.CONFLICT;
            default -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
    }

    public static ProblemDetail validationFailed(String detail, List<FieldError> errors) {
        ProblemDetail problem = problem(HttpStatusCode.valueOf(400), VALIDATION_FAILED, detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    public static ResponseEntity<ProblemDetail> response(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** The code of a generic HTTP failure, for errors Spring raises before a controller runs. */
    public static String codeOf(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> VALIDATION_FAILED;
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 429 -> "rate-limited";
            case 503 -> "service-unavailable";
            default -> status.is4xxClientError() ? "bad-request" : "internal-error";
        };
    }

    static String titleOf(String code) {
        String words = code.replace('-', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }
}
