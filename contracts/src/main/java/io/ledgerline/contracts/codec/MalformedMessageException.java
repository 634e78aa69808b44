package io.ledgerline.contracts.codec;

/** Bytes that can never be decoded: not single-object encoded, or not valid for their writer schema. */
public class MalformedMessageException extends RuntimeException {

    public MalformedMessageException(String detail, Throwable cause) {
        super(detail, cause);
    }
}
