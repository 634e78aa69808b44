package io.ledgerline.command.web;

import java.util.Map;
import java.util.List;
import org.springframework.http.ProblemDetail;

/** A problem the web layer decides itself (idempotency keys, rate limits), with optional response headers. */
public class ApiProblemException extends RuntimeException {

    private final transient ProblemDetail problem;
    private final transient Map<String, List<String>> headers;

    public ApiProblemException(ProblemDetail problem) {
        this(problem, Map.of());
    }

    public ApiProblemException(ProblemDetail problem, Map<String, List<String>> headers) {
        super(problem.getDetail(), null, false, false);
        this.problem = problem;
        this.headers = headers;
    }

    public ProblemDetail problem() {
        return problem;
    }

    public Map<String, List<String>> headers() {
        return headers;
    }
}
