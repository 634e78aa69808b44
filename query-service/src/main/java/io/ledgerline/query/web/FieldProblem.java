package io.ledgerline.query.web;

/** One entry of the {@code errors} member of a validation-failed problem. */
public record FieldProblem(String field, String message) {
}
