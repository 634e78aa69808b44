package io.ledgerline.command.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerline.command.account.AccountCommand.DepositMoney;
import io.ledgerline.command.ledger.Money;
import io.ledgerline.command.transfer.TransferCommand.CompleteTransfer;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.junit.jupiter.api.Test;

class CommandTargetsTest {

    record Annotated(@TargetAggregateIdentifier String id) {
    }

    record Untargeted(String id) {
    }

    @Test
    void aLedgerCommandNamesItsStoredAggregateAsAxonsAnnotationResolverFindsIt() {
        CommandMessage<?> deposit = message(new DepositMoney("acc-1", "tx-1", new Money(5, "EUR"), null, null));
        CommandMessage<?> complete = message(new CompleteTransfer("t-1"));

        assertThat(CommandTargets.INSTANCE.resolveTarget(deposit).getIdentifier()).isEqualTo("account:acc-1");
        assertThat(CommandTargets.INSTANCE.resolveTarget(complete).getIdentifier()).isEqualTo("transfer:t-1");
        var annotations = AnnotationCommandTargetResolver.builder().build();
        for (CommandMessage<?> command : List.of(deposit, complete)) {
            assertThat(CommandTargets.INSTANCE.resolveTarget(command))
                    .isEqualTo(annotations.resolveTarget(command));
        }
    }

    @Test
    void anyOtherCommandIsResolvedByItsAnnotations() {
        assertThat(CommandTargets.INSTANCE.resolveTarget(message(new Annotated("x"))).getIdentifier())
                .isEqualTo("x");
        // as Axon's resolver refuses it
        assertThatThrownBy(() -> CommandTargets.INSTANCE.resolveTarget(message(new Untargeted("x"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not identify the target aggregate");
    }

    @Test
    void aBatchsTargetsAreEachAggregateOnceInOrderOfFirstMention() {
        var first = new DepositMoney("b", "tx-1", new Money(5, "EUR"), null, null);
        var second = new DepositMoney("a", "tx-2", new Money(5, "EUR"), null, null);
        var third = new DepositMoney("b", "tx-3", new Money(5, "EUR"), null, null);

        var commands = List.of(message(first), message(second), message(third));

        assertThat(CommandTargets.of(commands)).containsExactly("account:b", "account:a");
    }

    private static CommandMessage<?> message(Object payload) {
        return GenericCommandMessage.asCommandMessage(payload);
    }
}
