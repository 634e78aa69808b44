package io.ledgerline.testkit.process;

/** One probe of a component's health; an exception counts as "not yet" and is reported if it never gets healthy. */
@FunctionalInterface
public interface HealthCheck {

    boolean isHealthy() throws Exception;
}
