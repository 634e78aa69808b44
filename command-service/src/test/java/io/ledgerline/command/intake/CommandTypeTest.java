package io.ledgerline.command.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerline.command.account.AccountCommand;
import io.ledgerline.command.ledger.Caller;
import io.ledgerline.command.ledger.Money;
import io.ledgerline.command.transfer.TransferCommand;
import io.ledgerline.contracts.command.DepositMoney;
import io.ledgerline.contracts.command.OpenAccount;
import io.ledgerline.contracts.command.RequestTransfer;
import io.ledgerline.contracts.command.WithdrawMoney;
import io.ledgerline.testkit.events.Commands;
import io.ledgerline.testkit.events.Events;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandTypeTest {

    private static final Caller ALICE = new Caller("alice", false);

    @Test
    void theStoredNamesAreTheCommandsNamesAndDoNotFollowAClassRename() {
        assertThat(Arrays.stream(CommandType.values()).map(CommandType::storedName)).containsExactly(
                "OpenAccount", "DepositMoney", "WithdrawMoney", "FreezeAccount", "UnfreezeAccount", "CloseAccount",
                "RequestTransfer");
    }

    @Test
    void theTopicsCommandsCarryTheirContractRecordsFullName() {
        assertThat(CommandType.OPEN_ACCOUNT.contractName()).contains(OpenAccount.getClassSchema().getFullName());
        assertThat(CommandType.DEPOSIT_MONEY.contractName()).contains(DepositMoney.getClassSchema().getFullName());
        assertThat(CommandType.WITHDRAW_MONEY.contractName()).contains(WithdrawMoney.getClassSchema().getFullName());
        assertThat(CommandType.REQUEST_TRANSFER.contractName())
                .contains(RequestTransfer.getClassSchema().getFullName());
        assertThat(CommandType.FREEZE_ACCOUNT.contractName()).isEmpty();
        assertThat(CommandType.CLOSE_ACCOUNT.contractName()).isEmpty();
    }

    @Test
    void aCommandOverHttpAndItsRecordOnTheTopicHaveOneType() {
        Money money = new Money(100, "EUR");
        assertThat(CommandType.of(new AccountCommand.DepositMoney("acc-1", "tx-1", money, null, ALICE)))
                .isEqualTo(CommandType.DEPOSIT_MONEY);
        assertThat(CommandType.ofRecord(Commands.deposit("acc-1", "tx-1", 100, "EUR"))).contains(CommandType.DEPOSIT_MONEY);
        assertThat(CommandType.of(new TransferCommand.RequestTransfer("tr-1", "acc-1", "acc-2", money, null,
                ALICE))).isEqualTo(CommandType.REQUEST_TRANSFER);
        assertThat(CommandType.of(new AccountCommand.CloseAccount("acc-1", ALICE)))
                .isEqualTo(CommandType.CLOSE_ACCOUNT);
    }

    @Test
    void aRecordThatIsNotACommandHasNoType() {
        assertThat(CommandType.ofRecord(Events.deposited("acc-1", "tx-1", 100, "EUR", 100, null))).isEmpty();
    }

    @Test
    void aCommandOnlyTheTransferProcessSendsIsNotAClientCommand() {
        assertThatThrownBy(() -> CommandType.of(new TransferCommand.CompleteTransfer("tr-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CompleteTransfer");
    }

    @Test
    void readsTheNamesEveryVersionStored() {
        assertThat(CommandType.fromStored("DepositMoney")).contains(CommandType.DEPOSIT_MONEY);
        assertThat(CommandType.fromStored("io.ledgerline.contracts.command.DepositMoney"))
                .contains(CommandType.DEPOSIT_MONEY);
        assertThat(CommandType.fromStored("io.ledgerline.contracts.command.RequestTransfer"))
                .contains(CommandType.REQUEST_TRANSFER);
        assertThat(CommandType.fromStored("io.ledgerline.contracts.account.MoneyDeposited")).isEmpty();
        assertThat(CommandType.fromStored("io.ledgerline.contracts.command.FreezeAccount")).isEmpty();
        assertThat(CommandType.fromStored(null)).isEqualTo(Optional.empty());
    }
}
