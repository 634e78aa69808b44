package io.ledgerline.query.web;

import io.ledgerline.query.projection.ProjectionBehindException;
import io.ledgerline.query.projection.TooManyWaitsException;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.NonNull;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where failures become problem+json answers with a stable {@code code}. Spring MVC's own
 * failures (404 route, 405, 406, 415, ...) keep their status and get the code of that status; anything
 * unexpected is a 500 with a generic detail, logged here, never shown.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ValidationFailedException.class)
    ResponseEntity<Object> validationFailed(ValidationFailedException e, WebRequest request) {
        return problem(Problems.validationFailed(e.errors(), path(request)), new HttpHeaders());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException e, WebRequest request) {
        return problem(Problems.of(HttpStatus.NOT_FOUND, e.code(), e.getMessage(), path(request)), new HttpHeaders());
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<Object> forbidden(ForbiddenException e, WebRequest request) {
        return problem(Problems.of(HttpStatus.FORBIDDEN, Problems.FORBIDDEN, e.getMessage(), path(request)),
                new HttpHeaders());
    }

    @ExceptionHandler(ProjectionBehindException.class)
    ResponseEntity<Object> projectionBehind(ProjectionBehindException e, WebRequest request) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())));
        return problem(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, Problems.PROJECTION_BEHIND, e.getMessage(),
                path(request)), headers);
    }

    @ExceptionHandler(TooManyWaitsException.class)
    ResponseEntity<Object> tooManyWaits(TooManyWaitsException e, WebRequest request) {
        return retryLater(new RetryLaterException(HttpStatus.SERVICE_UNAVAILABLE, Problems.OVERLOADED, e.getMessage(),
                e.retryAfter()), request);
    }

    @ExceptionHandler(RetryLaterException.class)
    ResponseEntity<Object> retryLater(RetryLaterException e, WebRequest request) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())));
        return problem(Problems.of(e.status(), e.code(), e.getMessage(), path(request)), headers);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
        log.error("unexpected failure answering {}", path(request), e);
        return problem(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, Problems.INTERNAL_ERROR,
                "An unexpected error occurred.", path(request)), new HttpHeaders());
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(@NonNull HandlerMethodValidationException e,
            @NonNull HttpHeaders headers, @NonNull HttpStatusCode status, @NonNull WebRequest request) {
        List<FieldProblem> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldProblem(parameterName(result), error.getDefaultMessage())))
                .toList();
        return problem(Problems.validationFailed(errors, path(request)), headers);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(@NonNull TypeMismatchException e, @NonNull HttpHeaders headers,
            @NonNull HttpStatusCode status, @NonNull WebRequest request) {
        String field = e instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
                : e.getPropertyName();
        Class<?> type = e.getRequiredType();
        String message;
        if (type != null && type.isEnum()) {
            message = "must be one of " + Arrays.toString(type.getEnumConstants()).replaceAll("[\\[\\]]", "");
        } else if (type != null && (Number.class.isAssignableFrom(type) || type.isPrimitive())) {
            message = "must be an integer";
        } else {
            message = "has an invalid value";
        }
        return problem(Problems.validationFailed(List.of(new FieldProblem(field, message)), path(request)), headers);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            @NonNull MissingServletRequestParameterException e, @NonNull HttpHeaders headers,
            @NonNull HttpStatusCode status, @NonNull WebRequest request) {
        return problem(Problems.validationFailed(List.of(new FieldProblem(e.getParameterName(), "is required")),
                path(request)), headers);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(@NonNull Exception e, Object body,
            @NonNull HttpHeaders headers, @NonNull HttpStatusCode status, @NonNull WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail : ProblemDetail.forStatus(status);
        if (status.is5xxServerError()) {
            log.error("failure answering {}", path(request), e);
            problem.setDetail("An unexpected error occurred.");
        }
        Problems.decorate(problem, status, Problems.codeFor(status), path(request));
        return problem(problem, headers);
    }

    private static ResponseEntity<Object> problem(ProblemDetail problem, HttpHeaders headers) {
        HttpHeaders answer = new HttpHeaders();
        answer.addAll(headers);
        answer.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(problem, answer, problem.getStatus());
    }

    private static String parameterName(ParameterValidationResult result) {
        MethodParameter parameter = result.getMethodParameter();
        RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
        if (requestParam != null && !requestParam.name().isEmpty()) {
            return requestParam.name();
        }
        PathVariable pathVariable = parameter.getParameterAnnotation(PathVariable.class);
        if (pathVariable != null && !pathVariable.name().isEmpty()) {
            return pathVariable.name();
        }
        return parameter.getParameterName();
    }

    private static String path(WebRequest request) {
        return request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI() : null;
    }
}
