package io.ledgerline.command.ledger;

/** A command addressed to one stored aggregate, which it names itself (the stored id, with its type prefix). */
public interface AggregateCommand {

    String aggregateId();
}
