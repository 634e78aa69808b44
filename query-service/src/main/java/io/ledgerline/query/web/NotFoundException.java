package io.ledgerline.query.web;

/** A resource that does not exist, or that the caller may not know exists; answered 404 with its code. */
public class NotFoundException extends RuntimeException {

    private final String code;

    public NotFoundException(String code, String detail) {
        super(detail);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
