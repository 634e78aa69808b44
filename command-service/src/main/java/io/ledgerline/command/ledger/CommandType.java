package io.ledgerline.command.ledger;

import io.ledgerline.contracts.command.CommandResult;
import java.util.Optional;

/**
 * Which command a client submitted, by one name on both channels: the command's name in docs/product.md
 * ({@code DepositMoney}), which is what {@code command_status.command_type} keeps. A command of the command topic is
 * also known by its contract record's Avro full name, which a {@code CommandResult} carries.
 *
 * @param name the command's name, without a namespace
 */
public record CommandType(String name) {

    /** The namespace of the command topic's records (and of {@code CommandResult}). */
    private static final String CONTRACT_NAMESPACE = CommandResult.getClassSchema().getNamespace();

    public CommandType {
        if (name == null || name.isBlank() || name.contains(".")) {
            throw new IllegalArgumentException("a command type is a name without a namespace: " + name);
        }
    }

    /** The Avro full name of the command topic's record of this command. */
    public String contractName() {
        return CONTRACT_NAMESPACE + "." + name;
    }

    /**
     * The type a status row names, as this version writes it or as earlier ones did: they kept the record's Avro
     * full name on the command topic ({@code io.ledgerline.contracts.command.DepositMoney}), also for a record that
     * was no command there (another namespace). Empty for null and for those.
     */
    public static Optional<CommandType> fromStored(String stored) {
        if (stored == null) {
            return Optional.empty();
        }
        if (!stored.contains(".")) {
            return Optional.of(new CommandType(stored));
        }
        String prefix = CONTRACT_NAMESPACE + ".";
        return stored.startsWith(prefix) && !stored.substring(prefix.length()).contains(".")
                ? Optional.of(new CommandType(stored.substring(prefix.length())))
                : Optional.empty();
    }
}
