package io.ledgerline.command.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** Limits of the HTTP interface. Command bodies are small; anything larger is refused before parsing. */
@ConfigurationProperties("ledgerline.web")
public record WebProperties(@DefaultValue("16KB") DataSize maxRequestBody) {
}
