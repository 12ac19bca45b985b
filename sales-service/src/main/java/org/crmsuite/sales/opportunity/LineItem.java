package org.crmsuite.sales.opportunity;

import java.math.BigDecimal;
import java.math.RoundingMode;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A product on a deal: quantity times unit price, in the opportunity's currency. */
@Embeddable
public class LineItem {

    private String product;
    private BigDecimal quantity;
    @Column(name = "unit_price")
    private BigDecimal unitPrice;

    protected LineItem() {
    }

    public LineItem(String product, BigDecimal quantity, BigDecimal unitPrice) {
        this.product = product;
        this.quantity = quantity;
        this.unitPrice = unitPrice.setScale(2, RoundingMode.UNNECESSARY);
    }

    public String product() {
        return product;
    }

    public BigDecimal quantity() {
        return quantity.stripTrailingZeros().scale() < 0 ? quantity.setScale(0, RoundingMode.UNNECESSARY) : quantity.stripTrailingZeros();
    }

    public BigDecimal unitPrice() {
        return unitPrice.setScale(2, RoundingMode.UNNECESSARY);
    }

    /** quantity × unit price, rounded half-even to cents. */
    public BigDecimal total() {
        return quantity.multiply(unitPrice).setScale(2, RoundingMode.HALF_EVEN);
    }
}
