package io.ledgerline.query.projection;

import io.ledgerline.query.account.AccountProjection;
import io.ledgerline.query.transfer.TransferProjection;

/** The projections writing into one generation of collections. */
public record ReadModel(ReadModelCollections collections, AccountProjection accounts, TransferProjection transfers,
                        MongoParkedEvents parked) {

    public Outcome apply(EventEnvelope event) {
        return switch (event.aggregateType()) {
            case ACCOUNT -> accounts.handle(event);
            case TRANSFER -> transfers.handle(event);
        };
    }
}
