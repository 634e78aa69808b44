package io.ledgerline.command.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerline.command.account.AccountCommand;
import io.ledgerline.command.transfer.TransferCommand;
import io.ledgerline.contracts.command.DepositMoney;
import io.ledgerline.contracts.command.OpenAccount;
import io.ledgerline.contracts.command.RequestTransfer;
import io.ledgerline.contracts.command.WithdrawMoney;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandTypeTest {

    private static final Caller ALICE = new Caller("alice", false);
    private static final Money MONEY = new Money(100, "EUR");

    @Test
    void eachClientCommandKeepsTheNameItIsStoredUnder() {
        List<AggregateCommand<?>> submitted = List.of(
                new AccountCommand.OpenAccount("acc-1", "alice", "EUR", 0, ALICE),
                new AccountCommand.DepositMoney("acc-1", "tx-1", MONEY, null, ALICE),
                new AccountCommand.WithdrawMoney("acc-1", "tx-2", MONEY, null, ALICE),
                new AccountCommand.FreezeAccount("acc-1", "audit", ALICE),
                new AccountCommand.UnfreezeAccount("acc-1", "audit done", ALICE),
                new AccountCommand.CloseAccount("acc-1", ALICE),
                new TransferCommand.RequestTransfer("tr-1", "acc-1", "acc-2", MONEY, null, ALICE));
        assertThat(submitted).extracting(command -> command.commandType().name()).containsExactly(
                "OpenAccount", "DepositMoney", "WithdrawMoney", "FreezeAccount", "UnfreezeAccount", "CloseAccount",
                "RequestTransfer");
    }

    @Test
    void aTopicCommandsContractNameIsItsRecordsFullName() {
        assertThat(new CommandType("OpenAccount").contractName()).isEqualTo(OpenAccount.getClassSchema().getFullName());
        assertThat(new CommandType("DepositMoney").contractName())
                .isEqualTo(DepositMoney.getClassSchema().getFullName());
        assertThat(new CommandType("WithdrawMoney").contractName())
                .isEqualTo(WithdrawMoney.getClassSchema().getFullName());
        assertThat(new CommandType("RequestTransfer").contractName())
                .isEqualTo(RequestTransfer.getClassSchema().getFullName());
    }

    @Test
    void readsTheNamesEveryVersionStored() {
        assertThat(CommandType.fromStored("DepositMoney")).contains(new CommandType("DepositMoney"));
        assertThat(CommandType.fromStored("io.ledgerline.contracts.command.DepositMoney"))
                .contains(new CommandType("DepositMoney"));
        assertThat(CommandType.fromStored("io.ledgerline.contracts.command.RequestTransfer"))
                .contains(new CommandType("RequestTransfer"));
        assertThat(CommandType.fromStored("io.ledgerline.contracts.account.MoneyDeposited")).isEmpty();
        assertThat(CommandType.fromStored("io.ledgerline.contracts.command.nested.Thing")).isEmpty();
        assertThat(CommandType.fromStored(null)).isEmpty();
    }

    @Test
    void aTypeIsANameWithoutANamespace() {
        assertThatThrownBy(() -> new CommandType("io.ledgerline.contracts.command.DepositMoney"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CommandType(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
