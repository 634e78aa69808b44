package io.ledgerline.command.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.ledgerline.command.ledger.AggregateCommand;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandHandler;
import org.junit.jupiter.api.Test;

/**
 * A command declares its answer ({@code AggregateCommand<A>}) and the intake, the topic and the transfer process
 * rely on that type; Axon calls the handler by reflection, so the compiler cannot see that the handler returns it.
 * This test does: every command handler of the service returns exactly the answer its command declares, and every
 * command record has one handler.
 */
class CommandAnswerTypesTest {

    private static final List<Method> HANDLERS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ledgerline.command").stream()
            .flatMap(type -> Arrays.stream(type.reflect().getDeclaredMethods()))
            .filter(method -> method.isAnnotationPresent(CommandHandler.class))
            .toList();

    @Test
    void everyHandlerReturnsTheAnswerItsCommandDeclares() {
        assertThat(HANDLERS).hasSizeGreaterThanOrEqualTo(13);
        for (Method handler : HANDLERS) {
            Class<?> command = handler.getParameterTypes()[0];
            assertThat(AggregateCommand.class).as(handler.toString()).isAssignableFrom(command);
            assertThat(handler.getReturnType()).as(handler.toString()).isEqualTo(answerOf(command));
        }
    }

    @Test
    void everyCommandRecordHasExactlyOneHandler() {
        Map<Class<?>, Long> handlersPerCommand = HANDLERS.stream()
                .collect(Collectors.groupingBy(handler -> handler.getParameterTypes()[0], Collectors.counting()));
        List<Class<?>> commands = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.ledgerline.command").stream()
                .map(type -> (Class<?>) type.reflect())
                .filter(type -> type.isRecord() && AggregateCommand.class.isAssignableFrom(type))
                .collect(Collectors.toList());

        assertThat(commands).hasSizeGreaterThanOrEqualTo(13);
        assertThat(commands).allSatisfy(command ->
                assertThat(handlersPerCommand.get(command)).as(command.getName()).isEqualTo(1L));
    }

    /**
     * The answer a command record declares: the class argument of the nearest parameterised command interface
     * above it ({@code AccountCommand<MoneyOutcome>}, or {@code AggregateCommand<TransferOutcome>} above
     * {@code TransferCommand}).
     */
    private static Class<?> answerOf(Class<?> command) {
        for (Type declared : command.getGenericInterfaces()) {
            if (declared instanceof ParameterizedType parameterised
                    && parameterised.getActualTypeArguments()[0] instanceof Class<?> answer) {
                return answer;
            }
            if (declared instanceof Class<?> plain && AggregateCommand.class.isAssignableFrom(plain)) {
                return answerOf(plain);
            }
        }
        throw new AssertionError(command + " does not declare its answer");
    }
}
