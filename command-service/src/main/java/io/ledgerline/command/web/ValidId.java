package io.ledgerline.command.web;

import io.ledgerline.contracts.LedgerLimits;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An id of the ledger: {@value LedgerLimits#ID_REGEX}. */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = LedgerLimits.ID_REGEX, message = "must match " + LedgerLimits.ID_REGEX)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidId {

    String message() default "must match " + LedgerLimits.ID_REGEX;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
