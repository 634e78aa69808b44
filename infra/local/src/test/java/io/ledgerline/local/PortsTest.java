package io.ledgerline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void defaultsToTheDocumentedPorts() {
        assertThat(Ports.fromEnvironment(Map.of()))
                .isEqualTo(new Ports(55432, 59092, 59093, 57017, 8081, 8082, 59080))
                .isEqualTo(Ports.DEFAULTS);
    }

    @Test
    void takesEachPortFromItsEnvironmentVariable() {
        Ports ports = Ports.fromEnvironment(Map.of(
                "LEDGERLINE_PG_PORT", "1001", "LEDGERLINE_KAFKA_PORT", "1002",
                "LEDGERLINE_KAFKA_CONTROLLER_PORT", "1003", "LEDGERLINE_MONGO_PORT", "1004",
                "LEDGERLINE_COMMAND_PORT", "1005", "LEDGERLINE_QUERY_PORT", " 1006 ", "LEDGERLINE_JWKS_PORT", "1007"));

        assertThat(ports).isEqualTo(new Ports(1001, 1002, 1003, 1004, 1005, 1006, 1007));
    }

    @Test
    void blankVariableMeansDefault() {
        assertThat(Ports.fromEnvironment(Map.of("LEDGERLINE_KAFKA_PORT", "")).kafka()).isEqualTo(59092);
    }

    @Test
    void namesTheVariableThatIsNotAPort() {
        assertThatThrownBy(() -> Ports.fromEnvironment(Map.of("LEDGERLINE_MONGO_PORT", "mongo")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LEDGERLINE_MONGO_PORT");
        assertThatThrownBy(() -> Ports.fromEnvironment(Map.of("LEDGERLINE_PG_PORT", "70000")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LEDGERLINE_PG_PORT");
    }

    @Test
    void rejectsAPortUsedTwice() {
        assertThatThrownBy(() -> Ports.fromEnvironment(Map.of("LEDGERLINE_QUERY_PORT", "8081")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8081");
    }

    @Test
    void freePortsAreDistinctAndFree() {
        Ports ports = Ports.free();

        assertThat(ports.byComponent().values()).doesNotHaveDuplicates().allMatch(Ports::isFree);
    }

    @Test
    void everyComponentHasAVariable() {
        Ports.DEFAULTS.byComponent().keySet()
                .forEach(component -> assertThat(Ports.environmentVariable(component)).startsWith("LEDGERLINE_"));
    }
}
