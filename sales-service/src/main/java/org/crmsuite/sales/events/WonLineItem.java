package org.crmsuite.sales.events;

/** A line of a won deal: quantity and money as decimal strings; lineTotal = quantity × unitPrice (half-even, cents). */
public record WonLineItem(String product, String quantity, String unitPrice, String lineTotal, String currency) {
}
