package io.ledgerline.prove.workload;

/**
 * One try of an operation: when it started and ended (System.nanoTime), what came back.
 *
 * @param status  HTTP status, or 0 for Kafka and for attempts without a response
 * @param code    problem code, Kafka result status, or the exception's simple name
 * @param version aggregate version reported by an OK answer, else 0
 */
public record Attempt(long startNanos, long endNanos, Outcome outcome, int status, String code, long version) {

    public long latencyNanos() {
        return endNanos - startNanos;
    }

    public String describe() {
        return outcome + (status > 0 ? " " + status : "") + (code == null ? "" : " " + code);
    }
}
