package io.ledgerline.query;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package-cycle rule of {@link ArchitectureTest} against the service's classes plus one test class,
 * {@code projection.CycleProbe}, that makes {@code projection} use {@code web} (which uses {@code projection}).
 * Without the probe the same rule passes: that is {@code ArchitectureTest.packagesAreFreeOfCycles}.
 */
class CycleRuleTest {

    private static final ImportOption PRODUCTION = new ImportOption.DoNotIncludeTests();
    private static final String CYCLE_PROBE = "io.ledgerline.query.projection.CycleProbe";

    @Test
    void aPackageCycleFailsTheRule() {
        JavaClasses withProbe = new ClassFileImporter()
                .withImportOption(location -> PRODUCTION.includes(location)
                        || location.contains(CYCLE_PROBE.replace('.', '/')))
                .importPackages("io.ledgerline.query");

        assertThatThrownBy(() -> ArchitectureTest.PACKAGES_ARE_FREE_OF_CYCLES.check(withProbe))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected")
                .hasMessageContaining("Slice projection")
                .hasMessageContaining("Slice web")
                .hasMessageContaining(CYCLE_PROBE);
    }
}
