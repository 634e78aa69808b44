package io.ledgerline.command.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerline.command.account.AccountCommand;
import io.ledgerline.command.ledger.Caller;
import io.ledgerline.command.ledger.CommandType;
import io.ledgerline.command.ledger.Money;
import io.ledgerline.command.transfer.TransferCommand;
import io.ledgerline.contracts.LedgerLimits;
import io.ledgerline.contracts.command.DepositMoney;
import io.ledgerline.contracts.command.OpenAccount;
import io.ledgerline.contracts.command.RequestTransfer;
import io.ledgerline.testkit.events.Commands;
import io.ledgerline.testkit.events.Events;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

/**
 * The command topic's records go through the HTTP bodies' validation and command building; the rules themselves are
 * tested over HTTP (BadInputIT) and on the topic end to end (CommandTopicIT, CommandTopicFuzzIT).
 */
class CommandMessagesTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    private static final Caller SERVICE = Caller.trusted("payments");

    @Test
    void aValidRecordBecomesTheCommandTheEndpointWouldBuild() {
        DepositMoney deposit = DepositMoney.newBuilder().setAccountId("acc-1").setTransactionId("tx-1")
                .setAmount(250).setCurrency("EUR").setDescription("salary").build();

        assertThat(CommandMessages.toDomain(deposit, SERVICE, VALIDATOR)).isEqualTo(new AccountCommand.DepositMoney(
                "acc-1", "tx-1", new Money(250, "EUR"), "salary", SERVICE));
    }

    @Test
    void aRecordOfTheTopicHasTheTypeOfTheCommandItBecomes() {
        DepositMoney deposit = Commands.deposit("acc-1", "tx-1", 250, "EUR");
        RequestTransfer transfer = Commands.transfer("tr-1", "acc-1", "acc-2", 5, "EUR");
        OpenAccount open = Commands.open("acc-1", "payments", "EUR");

        assertThat(CommandMessages.typeOf(deposit))
                .isEqualTo(CommandMessages.toDomain(deposit, SERVICE, VALIDATOR).commandType());
        assertThat(CommandMessages.typeOf(transfer))
                .isEqualTo(CommandMessages.toDomain(transfer, SERVICE, VALIDATOR).commandType());
        assertThat(CommandMessages.typeOf(open)).isEqualTo(new CommandType("OpenAccount"));
    }

    @Test
    void aRecordThatIsNoCommandOfTheTopicHasNoType() {
        assertThat(CommandMessages.typeOf(Events.deposited("acc-1", "tx-1", 100, "EUR", 100, null))).isNull();
    }

    @Test
    void aRecordBreakingTheBodysRulesIsInvalidNamingEveryField() {
        DepositMoney deposit = DepositMoney.newBuilder().setAccountId("acc-1").setTransactionId("tx 1")
                .setAmount(LedgerLimits.MAX_AMOUNT + 1).setCurrency("XXX").setDescription(null).build();

        assertThatThrownBy(() -> CommandMessages.toDomain(deposit, SERVICE, VALIDATOR))
                .isInstanceOfSatisfying(InvalidCommandException.class,
                        invalid -> assertThat(invalid.code()).isEqualTo("validation-failed"))
                .hasMessageContaining("amount").hasMessageContaining("currency").hasMessageContaining("transactionId");
    }

    @Test
    void theAccountIdThatTravelsInThePathOverHttpIsCheckedToo() {
        DepositMoney deposit = DepositMoney.newBuilder().setAccountId("not valid").setTransactionId("tx-1")
                .setAmount(1).setCurrency("EUR").setDescription(null).build();

        assertThatThrownBy(() -> CommandMessages.toDomain(deposit, SERVICE, VALIDATOR))
                .isInstanceOf(InvalidCommandException.class).hasMessageStartingWith("accountId must match");
    }

    @Test
    void aTransferToItsOwnSourceIsRefusedByTheBodysOwnRule() {
        RequestTransfer transfer = RequestTransfer.newBuilder().setTransferId("t-1").setSourceAccountId("acc-1")
                .setDestinationAccountId("acc-1").setAmount(5).setCurrency("EUR").setDescription(null).build();

        assertThatThrownBy(() -> CommandMessages.toDomain(transfer, SERVICE, VALIDATOR))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("source and destination must be different accounts");
        assertThat(CommandMessages.toDomain(RequestTransfer.newBuilder(transfer).setDestinationAccountId("acc-2")
                .build(), SERVICE, VALIDATOR)).isInstanceOf(TransferCommand.RequestTransfer.class);
    }

    @Test
    void anAccountMustHaveAnIdOnTheTopicAndStaysWithinTheOverdraftLimit() {
        OpenAccount open = Commands.open("acc-9", "alice", "EUR", -1);

        assertThatThrownBy(() -> CommandMessages.toDomain(open, SERVICE, VALIDATOR))
                .isInstanceOf(InvalidCommandException.class).hasMessageContaining("overdraftLimit");
        assertThat(CommandMessages.toDomain(OpenAccount.newBuilder(open).setOverdraftLimit(0).build(), SERVICE,
                VALIDATOR)).isEqualTo(new AccountCommand.OpenAccount("acc-9", "alice", "EUR", 0, SERVICE));
    }
}
