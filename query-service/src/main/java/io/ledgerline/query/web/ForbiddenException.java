package io.ledgerline.query.web;

/** The caller's role does not allow the operation; answered 403 {@code forbidden}. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String detail) {
        super(detail);
    }
}
