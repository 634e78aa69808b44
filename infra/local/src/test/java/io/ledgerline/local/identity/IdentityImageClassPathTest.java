package io.ledgerline.local.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compose stack's identity image copies only the jars its Dockerfile names ({@code -DincludeArtifactIds}), and
 * Docker cannot run here: so the identity provider is started on exactly those jars, as the image starts it, and
 * must mint a token. A dependency the provider gains (picocli did) fails this test until the Dockerfile lists it.
 */
class IdentityImageClassPathTest {

    private static final Path DOCKERFILE = Paths.get("../docker/identity/Dockerfile");
    private static final Pattern ARTIFACTS = Pattern.compile("-DincludeArtifactIds=(\\S+)");

    @Test
    void theImagesJarsAloneRunTheProvider(@TempDir Path data) throws Exception {
        Matcher listed = ARTIFACTS.matcher(Files.readString(DOCKERFILE));
        assertThat(listed.find()).as("the Dockerfile names the jars it copies").isTrue();
        List<String> artifacts = List.of(listed.group(1).split(","));
        List<String> jars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> artifacts.stream().anyMatch(artifact -> isJarOf(entry, artifact)))
                .toList();
        assertThat(jars).as("a jar on this class path for each artifact the Dockerfile names")
                .hasSize(artifacts.size());

        Process provider = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC",
                "-cp", "target/classes" + File.pathSeparator + String.join(File.pathSeparator, jars),
                IdentityProviderMain.class.getName(), "token", "--role", "operator", "--sub", "ops",
                "--data", data.toString())
                .redirectErrorStream(true).start();
        provider.getOutputStream().close();
        assertThat(provider.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(provider.getInputStream().readAllBytes()).trim();
        assertThat(provider.exitValue()).as(output).isZero();
        assertThat(output).as("a signed JWT: header.payload.signature").matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
    }

    private static boolean isJarOf(String entry, String artifact) {
        String name = Paths.get(entry).getFileName().toString();
        return name.endsWith(".jar") && name.matches(Pattern.quote(artifact) + "-\\d.*")
                // the test kit of the reactor build is its target/classes, not a jar
                || artifact.equals("ledgerline-test-kit")
                && entry.replace('\\', '/').endsWith("test-kit/target/classes");
    }
}
