package io.ledgerline.query.projection;

/** One aggregate's stream: an account and a transfer may carry the same id, so the type is part of the key. */
public record AggregateKey(AggregateType type, String id) {

    public static AggregateKey of(EventEnvelope event) {
        return new AggregateKey(event.aggregateType(), event.aggregateId());
    }

    @Override
    public String toString() {
        return type.label() + " " + id;
    }
}
