package io.ledgerline.query.admin;

/** The answer of the rebuild endpoints. */
public record RebuildStatus(long activeGeneration, RebuildState state, RebuildProgress lastRebuild) {
}
