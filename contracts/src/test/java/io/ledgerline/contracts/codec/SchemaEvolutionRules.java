package io.ledgerline.contracts.codec;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;

/** The evolution rule of PRODUCT.md §4: a new version reads every released one and every released one reads it. */
final class SchemaEvolutionRules {

    private SchemaEvolutionRules() {
    }

    /** Problems of {@code candidate} against each released version; empty when it may be released. */
    static List<String> problems(Schema candidate, List<Schema> released) {
        List<String> problems = new ArrayList<>();
        long candidateFingerprint = SchemaNormalization.parsingFingerprint64(candidate);
        for (int i = 0; i < released.size(); i++) {
            Schema old = released.get(i);
            String label = candidate.getFullName() + " vs released v" + (i + 1);
            if (SchemaNormalization.parsingFingerprint64(old) == candidateFingerprint && !old.equals(candidate)) {
                problems.add(label + ": same fingerprint as a different released version");
            }
            check(problems, label + " (backward: new reads old)", candidate, old);
            check(problems, label + " (forward: old reads new)", old, candidate);
        }
        return problems;
    }

    private static void check(List<String> problems, String label, Schema reader, Schema writer) {
        var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
            problems.add(label + ": " + result.getResult().getIncompatibilities());
        }
    }
}
