package io.ledgerline.contracts.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;

/**
 * Proves the schema evolution promise of PRODUCT.md §4: every schema in src/main/avro is released (kept in
 * the history), compatible in both directions with every released version, and no two versions share a
 * fingerprint.
 */
class SchemaHistoryTest {

    private static final Path CURRENT = Path.of("src/main/avro");
    private static final Path HISTORY = Path.of("src/main/resources", SchemaHistory.ROOT);

    private final SchemaHistory history = SchemaHistory.released();

    @Test
    void everyCurrentSchemaIsCompatibleWithEveryReleasedVersion() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Schema current : currentSchemas()) {
            problems.addAll(SchemaEvolutionRules.problems(current, history.versionsOf(current.getFullName())));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyCurrentSchemaIsReleased() throws IOException {
        for (Schema current : currentSchemas()) {
            long fingerprint = SchemaNormalization.parsingFingerprint64(current);
            assertThat(history.versionsOf(current.getFullName()))
                    .as("%s must be kept in the schema history as a new vN.avsc", current.getFullName())
                    .anySatisfy(released -> assertThat(SchemaNormalization.parsingFingerprint64(released))
                            .isEqualTo(fingerprint));
        }
    }

    @Test
    void releasedVersionsAreCompatibleWithEachOtherAndHaveDistinctFingerprints() {
        Map<Long, String> seen = new HashMap<>();
        for (var entry : history.versionsByName().entrySet()) {
            List<Schema> versions = entry.getValue();
            for (int i = 0; i < versions.size(); i++) {
                String previous = seen.put(SchemaNormalization.parsingFingerprint64(versions.get(i)),
                        entry.getKey() + " v" + (i + 1));
                assertThat(previous).as("fingerprint of %s v%d", entry.getKey(), i + 1).isNull();
                assertThat(SchemaEvolutionRules.problems(versions.get(i), versions.subList(0, i))).isEmpty();
            }
        }
    }

    @Test
    void indexListsEveryFileOfTheHistory() throws IOException {
        List<String> onDisk;
        try (Stream<Path> files = Files.walk(HISTORY)) {
            onDisk = files.filter(p -> p.toString().endsWith(".avsc"))
                    .map(p -> HISTORY.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
        List<String> indexed = Files.readAllLines(HISTORY.resolve("index.txt")).stream()
                .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).sorted().toList();
        assertThat(indexed).isEqualTo(onDisk);
    }

    @Test
    void rejectsAnIncompatibleChange() throws IOException {
        Schema incompatible = parseResource("/incompatible/MoneyDeposited.avsc");
        List<String> problems = SchemaEvolutionRules.problems(incompatible,
                history.versionsOf("io.ledgerline.contracts.account.MoneyDeposited"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("backward"))
                .anySatisfy(p -> assertThat(p).contains("forward"));
    }

    @Test
    void acceptsAFieldAddedWithADefault() throws IOException {
        Schema evolved = parseResource("/compatible/MoneyDeposited.avsc");
        assertThat(SchemaEvolutionRules.problems(evolved,
                history.versionsOf("io.ledgerline.contracts.account.MoneyDeposited"))).isEmpty();
    }

    private static List<Schema> currentSchemas() throws IOException {
        List<Schema> schemas = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CURRENT)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".avsc")).sorted().toList()) {
                schemas.add(new Schema.Parser().parse(file.toFile()));
            }
        }
        assertThat(schemas).isNotEmpty();
        return schemas;
    }

    private static Schema parseResource(String name) throws IOException {
        try (InputStream in = SchemaHistoryTest.class.getResourceAsStream(name)) {
            return new Schema.Parser().parse(in);
        }
    }
}
