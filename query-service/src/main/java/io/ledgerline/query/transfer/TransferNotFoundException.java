package io.ledgerline.query.transfer;

import io.ledgerline.query.web.NotFoundException;

public class TransferNotFoundException extends NotFoundException {

    public TransferNotFoundException(String transferId) {
        super("transfer-not-found", "There is no transfer " + transferId + ".");
    }
}
