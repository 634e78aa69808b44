package io.ledgerline.query.admin;

import org.springframework.data.annotation.Id;

/** The {@code projection_meta} document: active generation, generation being built, latest rebuild. */
record ProjectionMeta(@Id String id, long activeGeneration, Long buildingGeneration, RebuildProgress rebuild) {
}
