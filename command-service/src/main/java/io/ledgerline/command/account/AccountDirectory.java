package io.ledgerline.command.account;

import java.util.Optional;

/** Who owns an account, for commands that name an account they do not change (a transfer's source). */
public interface AccountDirectory {

    Optional<String> ownerOf(String accountId);
}
