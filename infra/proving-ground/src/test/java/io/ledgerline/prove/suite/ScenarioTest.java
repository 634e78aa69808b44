package io.ledgerline.prove.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScenarioTest {

    @Test
    void allIsEveryScenarioOfTheIssueInSuiteOrder() {
        assertThat(Scenario.parse("all")).extracting(Scenario::name).containsExactly("dw16", "dw64", "mixed16",
                "mixed64", "dw-half", "mixed-half", "idle", "idem16", "async16", "kafka16");
        assertThat(Scenario.parse("all")).filteredOn(s -> s.load() != Scenario.Load.IDLE)
                .allSatisfy(s -> assertThat(s.visibilityEvery()).isEqualTo(5));
        assertThat(Scenario.parse("idle").get(0).visibilityEvery()).isEqualTo(1);
    }

    @Test
    void aChoiceRunsInSuiteOrderWhateverOrderItWasNamedIn() {
        assertThat(Scenario.parse("kafka16, DW16,mixed16,dw16")).extracting(Scenario::name)
                .containsExactly("dw16", "mixed16", "kafka16");
    }

    @Test
    void aHalfRateScenarioNeedsAClosedLoopHttpScenarioOfItsWorkload() {
        assertThat(Scenario.parse("dw64,dw-half")).extracting(Scenario::name).containsExactly("dw64", "dw-half");
        assertThatThrownBy(() -> Scenario.parse("mixed-half,dw16")).hasMessageContaining("mixed16 or mixed64");
        // the Idempotency-Key variant does not count as the maximum of plain deposits/withdrawals
        assertThatThrownBy(() -> Scenario.parse("idem16,dw-half")).hasMessageContaining("dw16 or dw64");
    }

    @Test
    void anUnknownNameIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> Scenario.parse("dw32")).hasMessageContaining("dw32").hasMessageContaining("kafka16");
    }
}
