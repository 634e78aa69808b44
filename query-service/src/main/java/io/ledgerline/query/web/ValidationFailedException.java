package io.ledgerline.query.web;

import java.util.List;

/** A request parameter the API refuses; answered 400 {@code validation-failed} with the field. */
public class ValidationFailedException extends RuntimeException {

    private final List<FieldProblem> errors;

    public ValidationFailedException(String field, String message) {
        super(field + " " + message);
        this.errors = List.of(new FieldProblem(field, message));
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
