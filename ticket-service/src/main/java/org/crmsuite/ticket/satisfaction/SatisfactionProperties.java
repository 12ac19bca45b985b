package org.crmsuite.ticket.satisfaction;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param linkValidity     how long a survey link works
 * @param publicUrl        the customer-facing page the token is appended to
 * @param followUpWithin   business time the manager has to call back after a poorly rated complaint
 */
@Validated
@ConfigurationProperties("crm.ticket.satisfaction")
public record SatisfactionProperties(@NotNull Duration linkValidity, @NotBlank String publicUrl, @NotNull Duration followUpWithin) {
}
