package io.ledgerline.query.transfer;

import io.ledgerline.query.account.AccountQueries;
import io.ledgerline.query.projection.Generations;
import io.ledgerline.query.projection.VersionWait;
import io.ledgerline.query.security.Reader;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * Reads of the transfer read model, from the active generation's {@link MongoTransferStore}. A customer sees a
 * transfer when it owns the source or the destination account, as the account documents say; otherwise the
 * transfer reads as not found.
 */
@Service
public class TransferQueries {

    private final MongoTemplate mongo;
    private final Generations generations;
    private final VersionWait versionWait;
    private final AccountQueries accounts;

    public TransferQueries(MongoTemplate mongo, Generations generations, VersionWait versionWait,
                           AccountQueries accounts) {
        this.mongo = mongo;
        this.generations = generations;
        this.versionWait = versionWait;
        this.accounts = accounts;
    }

    public TransferView transfer(String transferId, Reader reader, Long minVersion) {
        // rights first: another owner's transfer waits and answers exactly like a missing one
        return versionWait.await(() -> new MongoTransferStore(mongo, generations.active()).find(transferId)
                        .filter(transfer -> reader.readsAnyById()
                                || ownedBy(transfer.sourceAccountId(), reader)
                                || ownedBy(transfer.destinationAccountId(), reader)),
                        TransferView::version, minVersion)
                .orElseThrow(() -> new TransferNotFoundException(transferId));
    }

    private boolean ownedBy(String accountId, Reader reader) {
        return accounts.ownerOf(accountId).filter(reader::isOwner).isPresent();
    }
}
