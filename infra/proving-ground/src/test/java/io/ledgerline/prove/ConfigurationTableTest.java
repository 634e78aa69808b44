package io.ledgerline.prove;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is the one table of the environment variables: every {@code LEDGERLINE_*} variable a
 * service's application.yml or the launcher reads is in it, and it lists none that nothing reads.
 */
class ConfigurationTableTest {

    private static final Path ROOT = Path.of(System.getProperty("ledgerline.root", "../..")).toAbsolutePath()
            .normalize();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(LEDGERLINE_[A-Z0-9_]+)");
    private static final Pattern LITERAL = Pattern.compile("\"(LEDGERLINE_[A-Z0-9_]+)\"");
    private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| `(LEDGERLINE_[A-Z0-9_]+)` \\|");

    @Test
    void theTableListsExactlyTheVariablesTheServicesAndTheLauncherRead() {
        Set<String> read = new TreeSet<>();
        read.addAll(matches(PLACEHOLDER, read(ROOT.resolve("command-service/src/main/resources/application.yml"))));
        read.addAll(matches(PLACEHOLDER, read(ROOT.resolve("query-service/src/main/resources/application.yml"))));
        for (String launcherCode : List.of("infra/local/src/main/java", "infra/test-kit/src/main/java")) {
            try (Stream<Path> launcher = Files.walk(ROOT.resolve(launcherCode))) {
                launcher.filter(file -> file.toString().endsWith(".java"))
                        .forEach(file -> read.addAll(matches(LITERAL, read(file))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        assertThat(read).contains("LEDGERLINE_DATASOURCE_URL", "LEDGERLINE_CURSOR_KEY", "LEDGERLINE_PG_PORT");
        assertThat(matches(TABLE_ROW, read(ROOT.resolve("docs/configuration.md")))).isEqualTo(read);
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
