package io.ledgerline.query.projection;

/** One stream's read model in one generation: its pure evolution and the store of its documents. */
public record StreamProjection<S>(AggregateType type, Evolution<S> evolution, DocumentStore<S> store) {
}
