package org.crmsuite.gateway.edge;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Body size limits ({@code crm.gateway.size-limits.*}).
 *
 * @param request  largest request body the gateway accepts (413 problem above it); attachments are the largest
 *                 legitimate bodies
 * @param response largest service answer the gateway passes on (502 problem above it when the service announces its
 *                 length; a streamed answer that grows past it is cut off)
 */
@Validated
@ConfigurationProperties("crm.gateway.size-limits")
public record SizeLimitProperties(
        @NotNull @DefaultValue("10MB") DataSize request,
        @NotNull @DefaultValue("50MB") DataSize response) {

    public SizeLimitProperties {
        if (request.toBytes() <= 0 || response.toBytes() <= 0) {
            throw new IllegalArgumentException("crm.gateway.size-limits.request and .response must be positive");
        }
    }
}
