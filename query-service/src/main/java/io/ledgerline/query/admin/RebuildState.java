package io.ledgerline.query.admin;

public enum RebuildState {
    IDLE, RUNNING, COMPLETED, FAILED
}
