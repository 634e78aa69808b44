package io.ledgerline.command.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerline.command.intake.IdempotencyKeys.Claim;
import io.ledgerline.command.intake.IdempotencyKeys.Scope;
import io.ledgerline.command.intake.IdempotencyKeys.StoredResponse;
import io.ledgerline.command.ledger.AggregateCommand;
import io.ledgerline.command.ledger.CommandAnswer;
import io.ledgerline.command.security.LedgerPrincipal;
import io.ledgerline.command.security.Role;
import io.ledgerline.command.web.ApiProblemException;
import io.ledgerline.command.web.Problems;
import io.ledgerline.kit.CorrelationIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The one way an HTTP command enters: synchronously (the default) or asynchronously ({@code Prefer:
 * respond-async}, RFC 7240), optionally under an {@code Idempotency-Key}. Validation and authorisation have
 * happened in the controller; everything here concerns running the command and answering.
 */
@Component
public class CommandIntake {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Pattern VALID_KEY = Pattern.compile("^[\\x21-\\x7E]{1,255}$");
    private static final Pattern RESPOND_ASYNC = Pattern.compile("(^|[,;\\s])respond-async($|[,;\\s=])");
    static final String HTTP_CHANNEL = "http";

    private final CommandDispatcher dispatcher;
    private final CommandStatuses statuses;
    private final IdempotencyKeys keys;
    private final ObjectMapper objectMapper;
    private final IntakeProperties properties;
    private final CommandAdmission admission;

    CommandIntake(CommandDispatcher dispatcher, CommandStatuses statuses, IdempotencyKeys keys,
                  ObjectMapper objectMapper, IntakeProperties properties, CommandAdmission admission) {
        this.dispatcher = dispatcher;
        this.admission = admission;
        this.statuses = statuses;
        this.keys = keys;
        this.objectMapper = objectMapper;
        this.properties = properties;
    }

    /** Runs {@code command} for {@code principal} and answers it; a synchronous success is 200. */
    public <A extends CommandAnswer> ResponseEntity<?> submit(LedgerPrincipal principal, HttpServletRequest request,
                                                              Record requestBody, AggregateCommand<A> command) {
        return submit(principal, request, requestBody, command, answer -> HttpStatus.OK);
    }

    /**
     * Runs {@code command} for {@code principal} and answers it: synchronously with the body of its
     * {@link CommandAnswer} and the status {@code success} gives it, or asynchronously with a command status.
     *
     * @param requestBody the parsed request body, compared with a stored one when an Idempotency-Key is reused
     * @param command the command, whose type names its handler's answer {@code A}
     * @param success the HTTP status of a synchronous success, from that answer
     * @return the answer's body, the {@link Accepted} body of an asynchronous command, or a stored response
     */
    public <A extends CommandAnswer> ResponseEntity<?> submit(LedgerPrincipal principal, HttpServletRequest request,
                                                              Record requestBody, AggregateCommand<A> command,
                                                              Function<? super A, HttpStatus> success) {
        boolean async = prefersAsync(request);
        String key = request.getHeader(IDEMPOTENCY_KEY);
        if (key == null) {
            return answer(principal, command, async, success);
        }
        if (!VALID_KEY.matcher(key).matches()) {
            throw new ApiProblemException(Problems.validationFailed("the Idempotency-Key header is invalid",
                    List.of(new Problems.FieldError(IDEMPOTENCY_KEY, "1 to 255 visible ASCII characters"))));
        }
        Scope scope = new Scope(principal.id(), request.getMethod(), request.getRequestURI(), key);
        Claim claim = keys.claim(scope, hashOf(request.getRequestURI(), requestBody), properties.idempotencyLease());
        if (claim instanceof Claim.Replay replay) {
            return replay(replay.response());
        }
        if (claim instanceof Claim.InUse) {
            throw new ApiProblemException(Problems.problem(HttpStatus.CONFLICT, "idempotency-key-in-use",
                    "a request with this Idempotency-Key is still being processed"),
                    Map.of(HttpHeaders.RETRY_AFTER, List.of("1")));
        }
        if (claim instanceof Claim.ReusedWithOtherBody) {
            throw new ApiProblemException(Problems.problem(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused",
                    "this Idempotency-Key was used with another request body"));
        }
        return answerOnce(scope, principal, command, async, success);
    }

    /** Server-chosen ids (an account opened without one) derive from the Idempotency-Key, so a retry finds them. */
    public static String generatedId(LedgerPrincipal principal, HttpServletRequest request) {
        String key = request.getHeader(IDEMPOTENCY_KEY);
        if (key == null || !VALID_KEY.matcher(key).matches()) {
            return UUID.randomUUID().toString();
        }
        String seed = principal.id() + '\n' + request.getMethod() + '\n' + request.getRequestURI() + '\n' + key;
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private <A extends CommandAnswer> ResponseEntity<?> answerOnce(Scope scope, LedgerPrincipal principal,
                                                                   AggregateCommand<A> command, boolean async,
                                                                   Function<? super A, HttpStatus> success) {
        ResponseEntity<?> response;
        try {
            response = answer(principal, command, async, success);
        } catch (RuntimeException failure) {
            ProblemDetail problem = CommandProblems.finalProblemOf(failure);
            if (problem == null) {
                keys.release(scope);
                throw failure;
            }
            response = ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        keys.complete(scope, stored(response));
        return response;
    }

    private <A extends CommandAnswer> ResponseEntity<?> answer(LedgerPrincipal principal, AggregateCommand<A> command,
                                                               boolean async, Function<? super A, HttpStatus> success) {
        if (!admission.tryAdmit()) {
            throw new ApiProblemException(Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "overloaded",
                    "this instance holds as many commands as it can; retry after the delay given"),
                    Map.of(HttpHeaders.RETRY_AFTER, List.of("1")));
        }
        String commandId = UUID.randomUUID().toString();
        String correlationId = CorrelationIdFilter.current();
        CompletableFuture<A> sent;
        try {
            if (async) {
                statuses.createPending(commandId, principal.id(), HTTP_CHANNEL, command.commandType());
            }
            sent = admission.releasedWhenDone(dispatcher.send(command, commandId, correlationId,
                    actorOf(principal), async));
        } catch (RuntimeException | Error notSent) {
            admission.release();
            throw notSent;
        }
        if (async) {
            sent.whenComplete((outcome, failure) -> {
                if (failure != null) {
                    Failures.Classified ended = Failures.classify(failure);
                    statuses.ended(principal.id(), commandId, ended.status(), ended.code(), ended.detail());
                }
            });
            return ResponseEntity.accepted().location(URI.create("/api/v1/commands/" + commandId))
                    .body(new Accepted(commandId, CommandStatuses.Status.PENDING.name()));
        }
        A answer = await(sent);
        return ResponseEntity.status(success.apply(answer)).body(answer.body());
    }

    /** The answer to an asynchronous command (docs/product.md §2): where its status is, and that it is pending. */
    record Accepted(String commandId, String status) {
    }

    private static CommandDispatcher.Actor actorOf(LedgerPrincipal principal) {
        String roles = principal.roles().stream().map(Role::claimValue).sorted()
                .collect(java.util.stream.Collectors.joining(" "));
        return new CommandDispatcher.Actor(principal.id(), roles, HTTP_CHANNEL);
    }

    private <A> A await(CompletableFuture<A> result) {
        try {
            return result.get(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ApiProblemException(Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                    "the command did not complete in time; retry it (with the same ids it is applied once)"),
                    Map.of(HttpHeaders.RETRY_AFTER, List.of("1")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a command", e);
        } catch (ExecutionException e) {
            Throwable cause = Failures.unwrap(e);
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
    }

    private static boolean prefersAsync(HttpServletRequest request) {
        var prefer = request.getHeaders("Prefer");
        while (prefer != null && prefer.hasMoreElements()) {
            if (RESPOND_ASYNC.matcher(prefer.nextElement().toLowerCase(java.util.Locale.ROOT)).find()) {
                return true;
            }
        }
        return false;
    }

    private String hashOf(String path, Record requestBody) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(path.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(objectMapper.writeValueAsBytes(requestBody));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot hash request", e);
        }
    }

    private StoredResponse stored(ResponseEntity<?> response) {
        try {
            Map<String, String> headers = new LinkedHashMap<>();
            if (response.getHeaders().getLocation() != null) {
                headers.put(HttpHeaders.LOCATION, response.getHeaders().getLocation().toString());
            }
            MediaType type = response.getHeaders().getContentType();
            headers.put(HttpHeaders.CONTENT_TYPE,
                    type != null ? type.toString() : MediaType.APPLICATION_JSON_VALUE);
            return new StoredResponse(response.getStatusCode().value(), objectMapper.writeValueAsString(headers),
                    objectMapper.writeValueAsString(response.getBody()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store response", e);
        }
    }

    private ResponseEntity<String> replay(StoredResponse response) {
        try {
            Map<String, String> headers = objectMapper.readValue(response.headers(), new TypeReference<>() {
            });
            ResponseEntity.BodyBuilder builder = ResponseEntity.status(response.status());
            headers.forEach(builder::header);
            return builder.body(response.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read stored response", e);
        }
    }
}
