package io.ledgerline.command.intake;

import io.ledgerline.command.account.AccountCommand;
import io.ledgerline.command.ledger.AggregateCommand;
import io.ledgerline.command.transfer.TransferCommand;
import io.ledgerline.contracts.command.DepositMoney;
import io.ledgerline.contracts.command.OpenAccount;
import io.ledgerline.contracts.command.RequestTransfer;
import io.ledgerline.contracts.command.WithdrawMoney;
import java.util.Arrays;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The commands a client submits, by the name {@code command_status.command_type} keeps for both channels (the
 * command's name in docs/product.md, written out here so that renaming a class cannot change what is stored), and
 * for the command topic's commands the contract record's Avro full name a {@code CommandResult} carries.
 */
public enum CommandType {
    OPEN_ACCOUNT("OpenAccount", AccountCommand.OpenAccount.class, OpenAccount.class),
    DEPOSIT_MONEY("DepositMoney", AccountCommand.DepositMoney.class, DepositMoney.class),
    WITHDRAW_MONEY("WithdrawMoney", AccountCommand.WithdrawMoney.class, WithdrawMoney.class),
    FREEZE_ACCOUNT("FreezeAccount", AccountCommand.FreezeAccount.class, null),
    UNFREEZE_ACCOUNT("UnfreezeAccount", AccountCommand.UnfreezeAccount.class, null),
    CLOSE_ACCOUNT("CloseAccount", AccountCommand.CloseAccount.class, null),
    REQUEST_TRANSFER("RequestTransfer", TransferCommand.RequestTransfer.class, RequestTransfer.class);

    private final String storedName;
    private final Class<?> command;
    private final Class<? extends SpecificRecord> contract;

    CommandType(String storedName, Class<?> command, Class<? extends SpecificRecord> contract) {
        this.storedName = storedName;
        this.command = command;
        this.contract = contract;
    }

    /** What {@code command_status.command_type} holds for this command. */
    public String storedName() {
        return storedName;
    }

    /** The Avro full name of the command topic's record of this command; empty for the HTTP-only commands. */
    public Optional<String> contractName() {
        return Optional.ofNullable(contract).map(c -> schemaOf(c).getFullName());
    }

    /** The type of a command a client submitted over HTTP. */
    public static CommandType of(AggregateCommand<?> submitted) {
        return Arrays.stream(values()).filter(type -> type.command == submitted.getClass()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        submitted.getClass().getName() + " is not a command a client submits"));
    }

    /** The type of a record decoded from a command topic; empty when the record is not one of its commands. */
    public static Optional<CommandType> ofRecord(SpecificRecord decoded) {
        return Arrays.stream(values()).filter(type -> type.contract == decoded.getClass()).findFirst();
    }

    /**
     * The type a status row names, as this version writes it or as earlier ones did: they kept the Avro full name
     * for the command topic's commands ({@code io.ledgerline.contracts.command.DepositMoney}), and any other decoded
     * record's full name too. Empty for null and for names that are not a client command.
     */
    public static Optional<CommandType> fromStored(String stored) {
        return Arrays.stream(values()).filter(type -> type.storedName.equals(stored)
                || type.contractName().filter(name -> name.equals(stored)).isPresent()).findFirst();
    }

    private static Schema schemaOf(Class<? extends SpecificRecord> record) {
        return SpecificData.get().getSchema(record);
    }
}
