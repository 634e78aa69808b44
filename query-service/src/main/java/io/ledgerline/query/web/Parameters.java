package io.ledgerline.query.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Query-parameter rules shared by the controllers. */
public final class Parameters {

    public static final String ID_MESSAGE =
            "must be 1 to 64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit";

    /** RFC 3339 date-time: seconds required, fraction optional, explicit offset (Z for UTC). */
    private static final Pattern RFC_3339 =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");

    private Parameters() {
    }

    public static Instant timestamp(String field, String value) {
        if (value == null) {
            return null;
        }
        if (!RFC_3339.matcher(value).matches()) {
            throw new ValidationFailedException(field, "must be an RFC 3339 date-time such as 2026-11-27T10:15:30Z");
        }
        try {
            return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new ValidationFailedException(field, "is not a valid date-time");
        }
    }

    /** Lists and summaries have no single version to wait for. */
    public static void rejectMinVersion(String minVersion) {
        if (minVersion != null) {
            throw new ValidationFailedException("minVersion", "is only supported on single reads");
        }
    }
}
