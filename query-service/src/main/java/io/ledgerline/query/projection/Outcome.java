package io.ledgerline.query.projection;

/** What a projection did with one event. */
public enum Outcome {
    /** The event was the next one of its aggregate and is now in the read model. */
    APPLIED,
    /** The read model already holds this version: a redelivery. */
    DUPLICATE,
    /** An earlier version is missing: the event waits in the parking collection until the gap closes. */
    PARKED
}
