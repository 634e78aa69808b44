package io.ledgerline.query.projection;

/**
 * The MongoDB collections of one read-model generation. A rebuild fills the next generation from offset 0 while
 * reads stay on the active one; {@code projection_meta} names the active generation.
 */
public record ReadModelCollections(long generation) {

    public ReadModelCollections {
        if (generation < 1) {
            throw new IllegalArgumentException("generations start at 1");
        }
    }

    public String accounts() {
        return "accounts_g" + generation;
    }

    public String statements() {
        return "statements_g" + generation;
    }

    public String transfers() {
        return "transfers_g" + generation;
    }

    public String parkedEvents() {
        return "parked_events_g" + generation;
    }
}
