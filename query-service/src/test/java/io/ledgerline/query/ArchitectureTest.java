package io.ledgerline.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.ledgerline.query.projection.AggregateFold;
import io.ledgerline.query.projection.BatchFold;
import io.ledgerline.query.projection.BatchProjector;

/**
 * The projections and their event logic (the batch projector, its fold, the evolutions) are plain domain code: no
 * web, no security, no Kafka, no MongoDB. Storage reaches them through the store interfaces only. No package depends
 * on itself through others ({@link CycleRuleTest} shows the rule fails on a cycle).
 */
@AnalyzeClasses(packages = "io.ledgerline.query", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule projectionsDoNotDependOnWebClasses = noClasses()
            .that().areAssignableTo(BatchProjector.class)
            .or().areAssignableTo(BatchFold.class)
            .or().areAssignableTo(AggregateFold.class)
            .or().haveSimpleNameEndingWith("Evolution")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.ledgerline.query.web..", "io.ledgerline.query.security..", "io.ledgerline.query.admin..",
                    "org.springframework.web..", "org.springframework.http..", "jakarta.servlet..");

    @ArchTest
    static final ArchRule projectionsDoNotDependOnKafkaOrMongo = noClasses()
            .that().areAssignableTo(BatchProjector.class)
            .or().areAssignableTo(BatchFold.class)
            .or().areAssignableTo(AggregateFold.class)
            .or().haveSimpleNameEndingWith("Evolution")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.ledgerline.query.kafka..", "org.apache.kafka..", "org.springframework.kafka..",
                    "org.springframework.data.mongodb..", "com.mongodb..", "org.bson..");

    /** Each top-level package of the service is a slice; none may reach itself again through the others. */
    static final ArchRule PACKAGES_ARE_FREE_OF_CYCLES = slices().matching("io.ledgerline.query.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = PACKAGES_ARE_FREE_OF_CYCLES;

    @ArchTest
    static final ArchRule controllersStayInTheirFeature = noClasses()
            .that().resideInAnyPackage("io.ledgerline.query.projection..", "io.ledgerline.query.kafka..")
            .should().dependOnClassesThat().haveSimpleNameEndingWith("Controller");
}
