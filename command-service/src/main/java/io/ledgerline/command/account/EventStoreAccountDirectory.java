package io.ledgerline.command.account;

import io.ledgerline.command.ledger.AggregateIds;
import io.ledgerline.contracts.account.AccountOpened;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/** Reads the owner from the account's first event, AccountOpened, which never changes. */
@Component
class EventStoreAccountDirectory implements AccountDirectory {

    private final EventStore eventStore;

    EventStoreAccountDirectory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public Optional<String> ownerOf(String accountId) {
        // From sequence 0, so the stream starts with the event itself and not with a snapshot.
        return eventStore.readEvents(AggregateIds.account(accountId), 0).asStream()
                .findFirst()
                .map(message -> message.getPayload())
                .filter(AccountOpened.class::isInstance)
                .map(opened -> ((AccountOpened) opened).getOwnerId());
    }
}
