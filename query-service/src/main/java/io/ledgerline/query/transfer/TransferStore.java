package io.ledgerline.query.transfer;

import java.util.Optional;

/** Where the transfer projection keeps its documents; every write is idempotent or version-guarded. */
public interface TransferStore {

    Optional<TransferView> find(String transferId);

    /** Inserts a new transfer; false when one with that id exists already. */
    boolean insert(TransferView transfer);

    /** Replaces the transfer if it is still at {@code expectedVersion}; false otherwise. */
    boolean replace(TransferView transfer, long expectedVersion);
}
