package org.crmsuite.customer.config;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DataSizeUnit;
import org.springframework.util.unit.DataSize;
import org.springframework.util.unit.DataUnit;
import org.springframework.validation.annotation.Validated;

/**
 * customer-service settings ({@code crm.customer.*}).
 *
 * @param maxRequestSize     the largest request body accepted; larger ones get 413 before anything is read into memory
 * @param duplicateThreshold the score (1 to 100) from which an existing customer is reported as a possible duplicate
 * @param mergeUndoWindow    how long after a merge a steward can still undo it
 * @param idempotencyKeyRetention how long an {@code Idempotency-Key} of a registration is remembered
 * @param importBatchSize    CSV import: rows validated, checked and committed together (the unit of resumption)
 * @param importLease        CSV import: how long a request holds an import after its last batch (a crashed instance's
 *                           import can be resumed by another request after this)
 */
@ConfigurationProperties("crm.customer")
@Validated
public record CustomerProperties(@NotNull @DataSizeUnit(DataUnit.BYTES) DataSize maxRequestSize,
                                 @Min(1) @Max(100) Integer duplicateThreshold,
                                 @NotNull Duration mergeUndoWindow,
                                 Duration idempotencyKeyRetention,
                                 @Min(1) @Max(10_000) Integer importBatchSize,
                                 Duration importLease) {

    public CustomerProperties {
        maxRequestSize = maxRequestSize == null ? DataSize.ofMegabytes(1) : maxRequestSize;
        duplicateThreshold = duplicateThreshold == null ? 50 : duplicateThreshold;
        mergeUndoWindow = mergeUndoWindow == null ? Duration.ofDays(7) : mergeUndoWindow;
        idempotencyKeyRetention = idempotencyKeyRetention == null ? Duration.ofHours(24) : idempotencyKeyRetention;
        importBatchSize = importBatchSize == null ? 500 : importBatchSize;
        importLease = importLease == null ? Duration.ofMinutes(2) : importLease;
    }
}
