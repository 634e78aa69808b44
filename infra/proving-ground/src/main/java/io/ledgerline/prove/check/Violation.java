package io.ledgerline.prove.check;

/** One broken promise, named after the invariant it breaks, with the ids a person needs to look it up. */
public record Violation(String invariant, String detail) {

    @Override
    public String toString() {
        return "[" + invariant + "] " + detail;
    }
}
