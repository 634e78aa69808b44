package io.ledgerline.command.ledger;

/**
 * A command addressed to one stored aggregate, which it names itself (the stored id, with its type prefix), and
 * answered by its handler with an {@code A}: the answer's type follows the command from whoever builds it (a
 * controller, the command topic, the transfer process) to the answer they get back.
 *
 * @param <A> what the command's handler returns
 */
public interface AggregateCommand<A> {

    String aggregateId();

    /**
     * The command's type as a status row keeps it: the record's simple name, which is the command's name in
     * docs/product.md ({@code CommandTypeTest} pins each client command's, so a rename that would change what is
     * stored fails it).
     */
    default CommandType commandType() {
        return new CommandType(getClass().getSimpleName());
    }
}
