package io.ledgerline.query.account;

import io.ledgerline.query.web.NotFoundException;

public class AccountNotFoundException extends NotFoundException {

    public AccountNotFoundException(String accountId) {
        super("account-not-found", "There is no account " + accountId + ".");
    }
}
