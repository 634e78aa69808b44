package io.ledgerline.command.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.ledgerline.command.ledger.CommandFailure;
import io.ledgerline.command.ledger.CommandRefusedException;
import io.ledgerline.command.web.Problems.FieldError;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Maps every failure to problem+json with a stable code, in one place. */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** A command's refusal, missing account or lost race, as {@link CommandFailure} classifies it. */
    @ExceptionHandler({CommandRefusedException.class, AggregateNotFoundException.class, ConcurrencyException.class,
            AggregateStreamCreationException.class, DuplicateKeyException.class})
    ResponseEntity<ProblemDetail> commandFailed(Exception failure) {
        return Problems.response(Problems.of(CommandFailure.of(failure)));
    }

    @ExceptionHandler(ApiProblemException.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblemException problem) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.problem().getStatus())
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON);
        problem.headers().forEach((name, values) -> response.header(name, values.toArray(String[]::new)));
        return response.body(problem.problem());
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> invalidParameters(ConstraintViolationException invalid) {
        List<FieldError> errors = invalid.getConstraintViolations().stream()
                .map(violation -> new FieldError(lastNode(violation.getPropertyPath().toString()),
                        violation.getMessage()))
                .toList();
        return Problems.response(Problems.validationFailed("the request has invalid parameters", errors));
    }

    private static String lastNode(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> forbidden(AccessDeniedException denied) {
        return Problems.response(Problems.problem(HttpStatus.FORBIDDEN, "forbidden",
                "your role does not allow this operation"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception failure) {
        log.error("unexpected failure", failure);
        return Problems.response(Problems.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "the request could not be processed; it may be retried"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException invalid,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<FieldError> errors = invalid.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldError(error.getField(), error.getDefaultMessage()))
                .sorted(java.util.Comparator.comparing(FieldError::field))
                .toList();
        List<FieldError> global = invalid.getBindingResult().getGlobalErrors().stream()
                .map(error -> new FieldError(error.getObjectName(), error.getDefaultMessage())).toList();
        List<FieldError> all = new java.util.ArrayList<>(errors);
        all.addAll(global);
        return problemEntity(Problems.validationFailed("the request has invalid fields", all));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException invalid,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldError> errors = invalid.getParameterValidationResults().stream()
                .flatMap(result -> result instanceof ParameterErrors body
                        ? body.getFieldErrors().stream()
                                .map(error -> new FieldError(error.getField(), error.getDefaultMessage()))
                        : result.getResolvableErrors().stream()
                                .map(error -> new FieldError(result.getMethodParameter().getParameterName(),
                                        error.getDefaultMessage())))
                .sorted(java.util.Comparator.comparing(FieldError::field))
                .toList();
        return problemEntity(Problems.validationFailed("the request has invalid parameters", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException unreadable,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        Throwable cause = unreadable.getCause();
        if (PayloadTooLargeException.isCause(unreadable)) {
            return problemEntity(Problems.problem(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large",
                    "the request body is larger than allowed"));
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return problemEntity(Problems.validationFailed("the request has an unknown field",
                    List.of(new FieldError(pathOf(unknown), "unknown field"))));
        }
        if (cause instanceof JsonParseException || cause instanceof InputCoercionException) {
            String detail = cause instanceof InputCoercionException ? "a number is out of range" : "malformed JSON";
            return problemEntity(Problems.validationFailed(detail, List.of()));
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return problemEntity(Problems.validationFailed("a field has the wrong type or format",
                    List.of(new FieldError(pathOf(mapping), "wrong type or format"))));
        }
        return problemEntity(Problems.validationFailed("the request body is missing or malformed", List.of()));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception failure, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        if (status.is5xxServerError()) {
            log.error("request failed", failure);
        }
        String detail = status.is5xxServerError() ? "the request could not be processed"
                : body instanceof ProblemDetail problem && problem.getDetail() != null ? problem.getDetail()
                : HttpStatus.valueOf(status.value()).getReasonPhrase();
        ProblemDetail problem = Problems.problem(status, Problems.codeOf(status), detail);
        return ResponseEntity.status(status).headers(headers)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ResponseEntity<Object> problemEntity(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String pathOf(JsonMappingException mapping) {
        return mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
