package io.ledgerline.command.account;

import static io.ledgerline.command.support.Refusals.refusedWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerline.command.account.AccountCommand.CloseAccount;
import io.ledgerline.command.account.AccountCommand.CreditForTransfer;
import io.ledgerline.command.account.AccountCommand.DebitForTransfer;
import io.ledgerline.command.account.AccountCommand.DepositMoney;
import io.ledgerline.command.account.AccountCommand.FreezeAccount;
import io.ledgerline.command.account.AccountCommand.OpenAccount;
import io.ledgerline.command.account.AccountCommand.RefundTransfer;
import io.ledgerline.command.account.AccountCommand.UnfreezeAccount;
import io.ledgerline.command.account.AccountCommand.WithdrawMoney;
import io.ledgerline.command.account.OperationLog.Kind;
import io.ledgerline.command.ledger.Caller;
import io.ledgerline.command.ledger.Money;
import io.ledgerline.command.ledger.Refusal;
import io.ledgerline.contracts.LedgerLimits;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The account's rules, given-when-then (PRODUCT.md §2). */
class AccountTest {

    private static final String ID = "acc-1";
    private static final Caller OPERATOR = Caller.trusted("ops");
    private static final Caller ALICE = Caller.customer("alice");
    private static final Caller BOB = Caller.customer("bob");

    private AggregateTestFixture<Account> fixture;
    private InMemoryOperationLog operations;
    private InMemoryTransfersInFlight transfersInFlight;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
        operations = new InMemoryOperationLog();
        transfersInFlight = new InMemoryTransfersInFlight();
        fixture.registerInjectableResource(operations);
        fixture.registerInjectableResource(transfersInFlight);
        fixture.registerAnnotatedCommandHandler(new TransferSteps(fixture.getRepository(), operations,
                transfersInFlight));
    }

    private static Money eur(long amount) {
        return new Money(amount, "EUR");
    }

    private static Object opened() {
        return AccountEvents.opened(ID, "alice", "EUR", 0);
    }

    private static Object openedWithOverdraft(long limit) {
        return AccountEvents.opened(ID, "alice", "EUR", limit);
    }

    private static Object deposited(String tx, long amount, long after) {
        return AccountEvents.deposited(ID, tx, eur(amount), after, null);
    }

    private DepositMoney deposit(String tx, long amount) {
        return new DepositMoney(ID, tx, eur(amount), null, OPERATOR);
    }

    private WithdrawMoney withdraw(String tx, long amount, Caller caller) {
        return new WithdrawMoney(ID, tx, eur(amount), null, caller);
    }

    @Nested
    class Opening {

        @Test
        void opensAnAccountAtVersionOne() {
            fixture.givenNoPriorActivity()
                    .when(new OpenAccount(ID, "alice", "EUR", 0, OPERATOR))
                    .expectEvents(opened())
                    .expectResultMessagePayload(new AccountOutcome(ID, 1, true));
        }

        @Test
        void answersTheOriginalOutcomeWhenTheSameAccountIsOpenedAgain() {
            fixture.given(opened(), deposited("tx-1", 100, 100), AccountEvents.closed(ID))
                    .when(new OpenAccount(ID, "alice", "EUR", 0, OPERATOR))
                    .expectNoEvents()
                    .expectResultMessagePayload(new AccountOutcome(ID, 1, false));
        }

        @Test
        void refusesOpeningAnExistingIdWithOtherDetails() {
            fixture.given(opened())
                    .when(new OpenAccount(ID, "bob", "EUR", 0, OPERATOR))
                    .expectNoEvents()
                    .expectException(refusedWith(Refusal.ACCOUNT_ALREADY_EXISTS));
            fixture.given(opened())
                    .when(new OpenAccount(ID, "alice", "USD", 0, OPERATOR))
                    .expectException(refusedWith(Refusal.ACCOUNT_ALREADY_EXISTS));
            fixture.given(opened())
                    .when(new OpenAccount(ID, "alice", "EUR", 500, OPERATOR))
                    .expectException(refusedWith(Refusal.ACCOUNT_ALREADY_EXISTS));
        }
    }

    @Nested
    class Deposits {

        @Test
        void depositsMoneyAndReportsTheNewBalance() {
            fixture.given(opened(), deposited("tx-1", 100, 100))
                    .when(deposit("tx-2", 250))
                    .expectEvents(deposited("tx-2", 250, 350))
                    .expectResultMessagePayload(new MoneyOutcome(ID, "tx-2", 3, 350));
            assertThat(operations.find(ID, Kind.DEPOSIT, "tx-2")).isPresent();
        }

        @Test
        void answersARetriedDepositWithItsOriginalOutcomeEvenAfterLaterChanges() {
            operations.record(ID, Kind.DEPOSIT, "tx-1", eur(100), 2, 100);
            fixture.given(opened(), deposited("tx-1", 100, 100), deposited("tx-2", 50, 150))
                    .when(deposit("tx-1", 100))
                    .expectNoEvents()
                    .expectResultMessagePayload(new MoneyOutcome(ID, "tx-1", 2, 100));
        }

        @Test
        void refusesATransactionIdReusedWithOtherContent() {
            operations.record(ID, Kind.DEPOSIT, "tx-1", eur(100), 2, 100);
            fixture.given(opened(), deposited("tx-1", 100, 100))
                    .when(deposit("tx-1", 101))
                    .expectNoEvents()
                    .expectException(refusedWith(Refusal.TRANSACTION_ID_CONFLICT));
        }

        @Test
        void refusesADepositIdReusedForAWithdrawal() {
            operations.record(ID, Kind.DEPOSIT, "tx-1", eur(100), 2, 100);
            fixture.given(opened(), deposited("tx-1", 100, 100))
                    .when(withdraw("tx-1", 100, OPERATOR))
                    .expectNoEvents()
                    .expectException(refusedWith(Refusal.TRANSACTION_ID_CONFLICT));
        }

        @Test
        void refusesADepositInAnotherCurrency() {
            fixture.given(opened())
                    .when(new DepositMoney(ID, "tx-1", new Money(100, "USD"), null, OPERATOR))
                    .expectNoEvents()
                    .expectException(refusedWith(Refusal.CURRENCY_MISMATCH));
        }

        @Test
        void acceptsDepositsIntoAFrozenAccount() {
            fixture.given(opened(), AccountEvents.frozen(ID, "audit"))
                    .when(deposit("tx-1", 100))
                    .expectEvents(deposited("tx-1", 100, 100));
        }

        @Test
        void refusesADepositThatWouldTakeTheBalanceBeyondTheSafeRange() {
            long nearMax = LedgerLimits.MAX_BALANCE - 10;
            fixture.given(opened(), deposited("tx-1", LedgerLimits.MAX_AMOUNT, nearMax))
                    .when(deposit("tx-2", 11))
                    .expectNoEvents()
                    .expectException(refusedWith(Refusal.AMOUNT_OUT_OF_RANGE));
        }

        @Test
        void refusesACustomerOnAnotherOwnersAccountAsIfItDidNotExist() {
            fixture.given(opened())
                    .when(withdraw("tx-1", 1, BOB))
                    .expectNoEvents()
                    .expectException(refusedWith(Refusal.ACCOUNT_NOT_FOUND));
        }
    }

    @Nested
    class Withdrawals {

        @Test
        void withdrawsDownToTheOverdraftLimit() {
            fixture.given(openedWithOverdraft(500), deposited("tx-1", 100, 100))
                    .when(withdraw("tx-2", 600, ALICE))
                    .expectEvents(AccountEvents.withdrawn(ID, "tx-2", eur(600), -500, null))
                    .expectResultMessagePayload(new MoneyOutcome(ID, "tx-2", 3, -500));
        }

        @Test
        void rejectsWithdrawalBeyondOverdraftLimit() {
            fixture.given(openedWithOverdraft(500), deposited("tx-1", 100, 100))
                    .when(withdraw("tx-2", 601, ALICE))
                    .expectNoEvents()
                    .expectException(refusedWith(Refusal.INSUFFICIENT_FUNDS));
        }

        @Test
        void refusesWithdrawalsFromAFrozenAccountForEveryRole() {
            fixture.given(opened(), deposited("tx-1", 100, 100), AccountEvents.frozen(ID, "audit"))
                    .when(withdraw("tx-2", 1, OPERATOR))
                    .expectNoEvents()
                    .expectException(refusedWith(Refusal.ACCOUNT_FROZEN));
        }

        @Test
        void checksFrozenBeforeCurrencyAndFunds() {
            fixture.given(opened(), AccountEvents.frozen(ID, "audit"))
                    .when(new WithdrawMoney(ID, "tx-1", new Money(100, "USD"), null, OPERATOR))
                    .expectException(refusedWith(Refusal.ACCOUNT_FROZEN));
        }

        @Test
        void checksCurrencyBeforeFunds() {
            fixture.given(opened())
                    .when(new WithdrawMoney(ID, "tx-1", new Money(100, "USD"), null, OPERATOR))
                    .expectException(refusedWith(Refusal.CURRENCY_MISMATCH));
        }
    }

    @Nested
    class FreezingAndUnfreezing {

        @Test
        void freezesAnOpenAccount() {
            fixture.given(opened())
                    .when(new FreezeAccount(ID, "suspicious activity", OPERATOR))
                    .expectEvents(AccountEvents.frozen(ID, "suspicious activity"))
                    .expectResultMessagePayload(new AccountOutcome(ID, 2, true));
        }

        @Test
        void freezingAFrozenAccountAppendsNothing() {
            fixture.given(opened(), AccountEvents.frozen(ID, "first"))
                    .when(new FreezeAccount(ID, "again", OPERATOR))
                    .expectNoEvents()
                    .expectResultMessagePayload(new AccountOutcome(ID, 2, false));
        }

        @Test
        void unfreezesAFrozenAccount() {
            fixture.given(opened(), AccountEvents.frozen(ID, "first"))
                    .when(new UnfreezeAccount(ID, "cleared", OPERATOR))
                    .expectEvents(AccountEvents.unfrozen(ID, "cleared"))
                    .expectResultMessagePayload(new AccountOutcome(ID, 3, true));
        }

        @Test
        void unfreezingAnOpenAccountAppendsNothing() {
            fixture.given(opened())
                    .when(new UnfreezeAccount(ID, "nothing to do", OPERATOR))
                    .expectNoEvents()
                    .expectResultMessagePayload(new AccountOutcome(ID, 1, false));
        }
    }

    @Nested
    class Closing {

        @Test
        void closesAnAccountAtBalanceZero() {
            fixture.given(opened(), deposited("tx-1", 100, 100),
                            AccountEvents.withdrawn(ID, "tx-2", eur(100), 0, null))
                    .when(new CloseAccount(ID, OPERATOR))
                    .expectEvents(AccountEvents.closed(ID))
                    .expectResultMessagePayload(new AccountOutcome(ID, 4, true));
        }

        @Test
        void refusesClosingWithABalance() {
            fixture.given(opened(), deposited("tx-1", 100, 100))
                    .when(new CloseAccount(ID, OPERATOR))
                    .expectNoEvents()
                    .expectException(refusedWith(Refusal.BALANCE_NOT_ZERO));
        }

        @Test
        void refusesClosingWhileATransferIsInFlight() {
            transfersInFlight.register("t-1", "other", ID);
            fixture.given(opened())
                    .when(new CloseAccount(ID, OPERATOR))
                    .expectNoEvents()
                    .expectException(refusedWith(Refusal.TRANSFER_PENDING));
        }

        @Test
        void closingAClosedAccountAppendsNothing() {
            fixture.given(opened(), AccountEvents.closed(ID))
                    .when(new CloseAccount(ID, OPERATOR))
                    .expectNoEvents()
                    .expectResultMessagePayload(new AccountOutcome(ID, 2, false));
        }

        @Test
        void aClosedAccountRefusesEveryOtherCommand() {
            Object[] commands = {deposit("tx-1", 1), withdraw("tx-2", 1, OPERATOR),
                    new FreezeAccount(ID, "r", OPERATOR), new UnfreezeAccount(ID, "r", OPERATOR)};
            for (Object command : commands) {
                fixture.given(opened(), AccountEvents.closed(ID))
                        .when(command)
                        .expectNoEvents()
                        .expectException(refusedWith(Refusal.ACCOUNT_CLOSED));
            }
        }

        @Test
        void checksClosedBeforeCurrency() {
            fixture.given(opened(), AccountEvents.closed(ID))
                    .when(new DepositMoney(ID, "tx-1", new Money(5, "USD"), null, OPERATOR))
                    .expectException(refusedWith(Refusal.ACCOUNT_CLOSED));
        }

        @Test
        void answersARetryOnAClosedAccountWithTheOriginalOutcome() {
            operations.record(ID, Kind.DEPOSIT, "tx-1", eur(100), 2, 100);
            fixture.given(opened(), deposited("tx-1", 100, 100),
                            AccountEvents.withdrawn(ID, "tx-2", eur(100), 0, null), AccountEvents.closed(ID))
                    .when(deposit("tx-1", 100))
                    .expectNoEvents()
                    .expectResultMessagePayload(new MoneyOutcome(ID, "tx-1", 2, 100));
        }
    }

    @Nested
    class TransferStepsOnAccounts {

        @Test
        void debitsTheSourceOfATransfer() {
            fixture.given(opened(), deposited("tx-1", 100, 100))
                    .when(new DebitForTransfer(ID, "t-1", "acc-2", eur(40), "rent"))
                    .expectEvents(AccountEvents.debited(ID, "t-1", "acc-2", eur(40), 60, "rent"))
                    .expectResultMessagePayload(TransferStepOutcome.applied(ID, "t-1", 3, 60));
        }

        @Test
        void refusesToDebitAFrozenSourceOrBeyondItsFunds() {
            fixture.given(opened(), deposited("tx-1", 100, 100), AccountEvents.frozen(ID, "r"))
                    .when(new DebitForTransfer(ID, "t-1", "acc-2", eur(40), null))
                    .expectNoEvents()
                    .expectResultMessagePayload(TransferStepOutcome.refused(ID, "t-1", Refusal.ACCOUNT_FROZEN));
            fixture.given(opened(), deposited("tx-1", 100, 100))
                    .when(new DebitForTransfer(ID, "t-2", "acc-2", eur(101), null))
                    .expectNoEvents()
                    .expectResultMessagePayload(TransferStepOutcome.refused(ID, "t-2", Refusal.INSUFFICIENT_FUNDS));
        }

        @Test
        void keepsARefusedDebitRefusedEvenOnceTheFundsArrive() {
            operations.recordRefusal(ID, Kind.TRANSFER_DEBIT, "t-1", eur(40), Refusal.INSUFFICIENT_FUNDS);
            fixture.given(opened(), deposited("tx-1", 100, 100))
                    .when(new DebitForTransfer(ID, "t-1", "acc-2", eur(40), null))
                    .expectNoEvents()
                    .expectResultMessagePayload(TransferStepOutcome.refused(ID, "t-1", Refusal.INSUFFICIENT_FUNDS));
        }

        @Test
        void debitsATransferOnlyOnce() {
            operations.record(ID, Kind.TRANSFER_DEBIT, "t-1", eur(40), 3, 60);
            fixture.given(opened(), deposited("tx-1", 100, 100),
                            AccountEvents.debited(ID, "t-1", "acc-2", eur(40), 60, null))
                    .when(new DebitForTransfer(ID, "t-1", "acc-2", eur(40), null))
                    .expectNoEvents()
                    .expectResultMessagePayload(TransferStepOutcome.applied(ID, "t-1", 3, 60));
        }

        @Test
        void refusesAMissingAccountAndRemembersIt() {
            fixture.givenNoPriorActivity()
                    .when(new CreditForTransfer("missing", "t-1", "acc-2", eur(40), null))
                    .expectNoEvents()
                    .expectResultMessagePayload(
                            TransferStepOutcome.refused("missing", "t-1", Refusal.ACCOUNT_NOT_FOUND));
            assertThat(operations.find("missing", Kind.TRANSFER_CREDIT, "t-1"))
                    .hasValueSatisfying(entry -> assertThat(entry.refusal()).isEqualTo(Refusal.ACCOUNT_NOT_FOUND));
        }

        @Test
        void creditsAFrozenDestination() {
            fixture.given(opened(), AccountEvents.frozen(ID, "r"))
                    .when(new CreditForTransfer(ID, "t-1", "acc-2", eur(40), null))
                    .expectEvents(AccountEvents.credited(ID, "t-1", "acc-2", eur(40), 40, null));
        }

        @Test
        void refusesToCreditAClosedDestinationOrOneInAnotherCurrency() {
            fixture.given(opened())
                    .when(new CreditForTransfer(ID, "t-1", "acc-2", new Money(40, "USD"), null))
                    .expectNoEvents()
                    .expectResultMessagePayload(TransferStepOutcome.refused(ID, "t-1", Refusal.CURRENCY_MISMATCH));
            fixture.given(opened(), AccountEvents.closed(ID))
                    .when(new CreditForTransfer(ID, "t-2", "acc-2", eur(40), null))
                    .expectNoEvents()
                    .expectResultMessagePayload(TransferStepOutcome.refused(ID, "t-2", Refusal.ACCOUNT_CLOSED));
        }

        /**
         * Issue 10's case: deposits raised the source's balance between the debit and the refund. Credits keep
         * headroom for the debits in flight, so the deposit that would have made the refund impossible is the one
         * refused, and the refund goes through.
         */
        @Test
        void keepsHeadroomForARefundWhileItsDebitIsInFlight() {
            long nearMax = LedgerLimits.MAX_BALANCE - 100;
            Object[] history = {opened(), deposited("tx-1", LedgerLimits.MAX_AMOUNT, nearMax),
                    AccountEvents.debited(ID, "t-1", "acc-2", eur(50), nearMax - 50, null)};
            transfersInFlight.holdDebits(ID, 50);
            fixture.given(history)
                    .when(deposit("tx-2", 130)) // MAX - 20 now, MAX + 30 once refunded
                    .expectNoEvents()
                    .expectException(refusedWith(Refusal.AMOUNT_OUT_OF_RANGE));
            fixture.given(history)
                    .when(new CreditForTransfer(ID, "t-9", "acc-3", eur(130), null))
                    .expectNoEvents()
                    .expectResultMessagePayload(TransferStepOutcome.refused(ID, "t-9", Refusal.AMOUNT_OUT_OF_RANGE));
            fixture.given(history)
                    .when(deposit("tx-3", 100)) // exactly the limit once refunded
                    .expectEvents(deposited("tx-3", 100, nearMax + 50));
            fixture.given(history[0], history[1], history[2], deposited("tx-3", 100, nearMax + 50))
                    .when(new RefundTransfer(ID, "t-1", eur(50), "account-closed"))
                    .expectEvents(AccountEvents.refunded(ID, "t-1", eur(50), LedgerLimits.MAX_BALANCE,
                            "account-closed"));
        }

        @Test
        void asksTheStoreOnlyWhenItsOwnBoundCannotProveTheHeadroom() {
            long nearMax = LedgerLimits.MAX_BALANCE - 100;
            // the transfer completed (the store holds no debit in flight): the bound alone would refuse
            fixture.given(opened(), deposited("tx-1", LedgerLimits.MAX_AMOUNT, nearMax),
                            AccountEvents.debited(ID, "t-1", "acc-2", eur(50), nearMax - 50, null))
                    .when(deposit("tx-2", 130))
                    .expectEvents(deposited("tx-2", 130, nearMax + 80));
            // a refund gives the headroom back
            transfersInFlight.holdDebits(ID, 1_000); // never asked: the bound is 0 after the refund
            fixture.given(opened(), deposited("tx-1", LedgerLimits.MAX_AMOUNT, nearMax),
                            AccountEvents.debited(ID, "t-1", "acc-2", eur(50), nearMax - 50, null),
                            AccountEvents.refunded(ID, "t-1", eur(50), nearMax, "account-closed"))
                    .when(deposit("tx-3", 100))
                    .expectEvents(deposited("tx-3", 100, LedgerLimits.MAX_BALANCE));
        }

        @Test
        void refundsTheSourceEvenWhenFrozen() {
            fixture.given(opened(), deposited("tx-1", 100, 100),
                            AccountEvents.debited(ID, "t-1", "acc-2", eur(40), 60, null),
                            AccountEvents.frozen(ID, "r"))
                    .when(new RefundTransfer(ID, "t-1", eur(40), "account-closed"))
                    .expectEvents(AccountEvents.refunded(ID, "t-1", eur(40), 100, "account-closed"))
                    .expectResultMessagePayload(TransferStepOutcome.applied(ID, "t-1", 5, 100));
        }
    }
}
