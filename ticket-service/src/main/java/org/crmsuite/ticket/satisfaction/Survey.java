package org.crmsuite.ticket.satisfaction;

import java.time.Instant;

/**
 * The satisfaction survey sent when a ticket is resolved. Only the SHA-256 of the link's token is stored, so the
 * database never holds a usable link; the link is shown once (in the resolving answer, or when re-issued).
 */
public record Survey(String tokenHash, Instant issuedAt, Instant expiresAt, Instant usedAt) {

    public Survey used(Instant at) {
        return new Survey(tokenHash, issuedAt, expiresAt, at);
    }
}
