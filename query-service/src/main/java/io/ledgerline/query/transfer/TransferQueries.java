package io.ledgerline.query.transfer;

import io.ledgerline.query.account.AccountView;
import io.ledgerline.query.projection.Generations;
import io.ledgerline.query.projection.VersionWait;
import io.ledgerline.query.security.Reader;
import java.util.Optional;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * Reads of the transfer read model. A customer sees a transfer when it owns the source or the destination
 * account, as the account documents say; otherwise the transfer reads as not found.
 */
@Service
public class TransferQueries {

    private final MongoTemplate mongo;
    private final Generations generations;
    private final VersionWait versionWait;

    public TransferQueries(MongoTemplate mongo, Generations generations, VersionWait versionWait) {
        this.mongo = mongo;
        this.generations = generations;
        this.versionWait = versionWait;
    }

    public TransferView transfer(String transferId, Reader reader, Long minVersion) {
        // rights first: another owner's transfer waits and answers exactly like a missing one
        return versionWait.await(() -> Optional.ofNullable(
                        mongo.findById(transferId, TransferView.class, generations.active().transfers()))
                        .filter(transfer -> reader.readsAnyById()
                                || ownedBy(transfer.sourceAccountId(), reader)
                                || ownedBy(transfer.destinationAccountId(), reader)),
                        TransferView::version, minVersion)
                .orElseThrow(() -> new TransferNotFoundException(transferId));
    }

    private boolean ownedBy(String accountId, Reader reader) {
        AccountView account = mongo.findById(accountId, AccountView.class, generations.active().accounts());
        return account != null && reader.isOwner(account.ownerId());
    }
}
