package io.ledgerline.command.web;

import java.io.IOException;

/** Thrown while reading a request body that grows past the limit (a chunked body has no Content-Length). */
class PayloadTooLargeException extends IOException {

    PayloadTooLargeException(long limit) {
        super("request body larger than " + limit + " bytes");
    }

    static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PayloadTooLargeException) {
                return true;
            }
        }
        return false;
    }
}
