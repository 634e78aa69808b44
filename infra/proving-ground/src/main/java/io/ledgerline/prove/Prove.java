package io.ledgerline.prove;

import java.nio.file.Path;
import java.util.List;

/**
 * Entry point of {@code infra/prove}. The repository root comes from the {@code ledgerline.root} system property
 * (set by the script), else the working directory. Exit codes: 0 passed, 1 invariant violations, 2 the run could
 * not be made (bad options, the system did not start).
 */
public final class Prove {

    private Prove() {
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "io/ledgerline/local/logback-launcher.xml");
        }
        Path root = Path.of(System.getProperty("ledgerline.root", "")).toAbsolutePath().normalize();
        ProveOptions options;
        try {
            options = ProveOptions.parse(List.of(args), root);
        } catch (IllegalArgumentException e) {
            System.err.println("prove: " + e.getMessage());
            System.err.println(ProveOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(ProveOptions.USAGE);
            return;
        }
        int exit;
        try {
            exit = new ProveRun(options, root, System.out).run().passed() ? 0 : 1;
        } catch (Exception e) {
            System.err.println("prove: the run could not be completed: " + e);
            e.printStackTrace();
            exit = 2;
        }
        System.exit(exit);
    }
}
