package io.ledgerline.query.projection;

/**
 * The pure domain logic of one stream's read model: how its first event creates the document and how each later
 * event changes it. {@link BatchFold} calls it only with the event that directly follows the document's version.
 *
 * @param <S> the read-model document of one aggregate
 */
public interface Evolution<S> {

    /** The document made by the stream's first event (version 1). */
    S start(EventEnvelope first);

    /** The document after {@code next}, the event that follows {@code state}'s version. */
    S evolve(S state, EventEnvelope next);

    long versionOf(S state);
}
