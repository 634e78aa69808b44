package io.ledgerline.testkit.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one set of command-line conventions of {@code infra/run-local} (and its tools), {@code infra/prove} and
 * {@code ledgerline-identity}, on picocli: {@code --name value} and {@code --name=value}; a flag takes no value;
 * a duration is {@code 500ms}, {@code 90s}, {@code 30m}, {@code 12h}, {@code 7d} or ISO-8601 ({@code PT12H}); a
 * later option of the same name wins. Whatever is unknown or malformed becomes an IllegalArgumentException whose
 * message names the argument, for the caller to print beside its usage text.
 *
 * <p>Each command declares its options as a picocli-annotated class and checks the combinations itself; the
 * hand-written usage texts stay, since they say more than generated help would (defaults' reasons, examples).
 */
public final class Cli {

    private static final Pattern FLAG_WITH_VALUE = Pattern.compile("option '([^']+)' should be specified without");

    private Cli() {
    }

    /** Parses {@code args} into the annotated fields of {@code spec} (and its subcommands'). */
    public static ParseResult parse(Object spec, List<String> args) {
        CommandLine line = new CommandLine(spec)
                .registerConverter(Duration.class, Cli::durationValue)
                .setOverwrittenOptionsAllowed(true)
                .setCaseInsensitiveEnumValuesAllowed(true);
        try {
            return line.parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            throw new IllegalArgumentException(message(e), e);
        }
    }

    /**
     * Parses {@code args} into {@code spec} as {@link #parse} does, or prints what is wrong and {@code usage} to
     * standard error and exits with code 2: for a tool whose usage is all it has to say about a wrong argument.
     */
    public static void parseOrExit(Object spec, String[] args, String usage) {
        try {
            parse(spec, List.of(args));
        } catch (IllegalArgumentException wrong) {
            System.err.println(wrong.getMessage());
            System.err.println(usage);
            System.exit(2);
        }
    }

    /** A duration as the conventions write it; zero allowed, negative not. */
    public static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Duration d;
        try {
            if (t.startsWith("p")) {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } else if (t.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            } else {
                long amount = Long.parseLong(t.substring(0, t.length() - 1));
                d = switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    case 'd' -> Duration.ofDays(amount);
                    default -> throw new NumberFormatException();
                };
            }
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException(
                    "not a duration: '" + text + "' (use 500ms, 90s, 30m, 12h, 7d or PT12H)");
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException("a duration cannot be negative: '" + text + "'");
        }
        return d;
    }

    private static Duration durationValue(String text) {
        try {
            return duration(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    private static String message(ParameterException e) {
        CommandLine command = e.getCommandLine();
        String where = command.getParent() == null ? "" : " for " + command.getCommandName();
        if (e instanceof UnmatchedArgumentException unmatched) {
            return "unknown argument" + where + ": " + String.join(" ", unmatched.getUnmatched());
        }
        if (e instanceof CommandLine.MissingParameterException missing) {
            for (ArgSpec arg : missing.getMissing()) {
                if (arg instanceof OptionSpec option) {
                    return option.longestName() + " needs a value";
                }
            }
        }
        Matcher flag = FLAG_WITH_VALUE.matcher(e.getMessage());
        if (flag.find()) {
            return flag.group(1) + " takes no value";
        }
        return e.getMessage();
    }
}
