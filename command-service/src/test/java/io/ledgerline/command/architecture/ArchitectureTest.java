package io.ledgerline.command.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The domain decides; it knows nothing of HTTP, Kafka, JDBC or security. No package depends on itself through
 * others ({@link CycleRuleTest} shows the rule fails on a cycle).
 */
@AnalyzeClasses(packages = "io.ledgerline.command", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] DOMAIN = {"io.ledgerline.command.account.(Account|AccountCommand*|AccountEvents|"
            + "AccountOutcome|MoneyOutcome|AccountStatus|OperationLog*|TransfersInFlight|AccountDirectory)",
            "io.ledgerline.command.transfer.(Transfer|TransferCommand*|TransferEvents|TransferOutcome|"
                    + "TransferStatus|TransferProcess)"};

    @ArchTest
    static final ArchRule domainDoesNotUseInfrastructure = noClasses()
            .that().haveNameMatching(DOMAIN[0]).or().haveNameMatching(DOMAIN[1])
            .or().resideInAPackage("io.ledgerline.command.ledger")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "org.springframework.kafka..",
                    "org.apache.kafka..", "org.springframework.jdbc..", "java.sql..", "jakarta.servlet..",
                    "org.springframework.security..", "io.ledgerline.command.web..", "io.ledgerline.command.kafka..",
                    "io.ledgerline.command.intake..", "io.ledgerline.command.security..", "com.mongodb..");

    @ArchTest
    static final ArchRule domainIsDeterministic = noClasses()
            .that().haveNameMatching(DOMAIN[0]).or().haveNameMatching(DOMAIN[1])
            .should().callMethod(java.util.UUID.class, "randomUUID")
            .orShould().callMethod(java.time.Instant.class, "now");

    /** Each top-level package of the service is a slice; none may reach itself again through the others. */
    static final ArchRule PACKAGES_ARE_FREE_OF_CYCLES = slices().matching("io.ledgerline.command.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = PACKAGES_ARE_FREE_OF_CYCLES;

    @ArchTest
    static final ArchRule kafkaPublicationStaysOutOfTheWebLayer = noClasses()
            .that().resideInAPackage("io.ledgerline.command.web..")
            .should().dependOnClassesThat().resideInAPackage("io.ledgerline.command.kafka..");
}
