package org.crmsuite.sales.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.FieldViolation;

/**
 * An amount of money: a decimal with two places and an ISO 4217 currency (CNY when none is given). Never a double.
 * Amounts in different currencies are never added; {@link #plus} refuses it.
 */
public record Money(BigDecimal amount, String currency) {

    public static final String DEFAULT_CURRENCY = "CNY";
    public static final int SCALE = 2;

    public Money {
        if (amount == null || currency == null) {
            throw new IllegalArgumentException("amount and currency are required");
        }
        amount = amount.setScale(SCALE, RoundingMode.UNNECESSARY);
    }

    public static Money zero(String currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    /**
     * Checks what a client sent: an amount that is not negative with at most two decimals, a known ISO 4217 currency
     * (blank means CNY). Refuses with a problem naming {@code amountField} or {@code currencyField}.
     */
    public static Money of(BigDecimal amount, String currency, String amountField, String currencyField) {
        List<FieldViolation> violations = new ArrayList<>();
        String code = currencyOrDefault(currency, currencyField, violations);
        checkAmount(amount, amountField, violations);
        if (amount == null && violations.isEmpty()) {
            violations.add(new FieldViolation(amountField, "required"));
        }
        if (!violations.isEmpty()) {
            throw CrmProblemException.invalid(violations);
        }
        return new Money(amount, code);
    }

    /** Adds the violations of an amount to {@code violations}; a missing amount is not one (the caller decides). */
    public static void checkAmount(BigDecimal amount, String field, List<FieldViolation> violations) {
        if (amount == null) {
            return;
        }
        if (amount.signum() < 0) {
            violations.add(new FieldViolation(field, "must not be negative"));
        } else if (amount.stripTrailingZeros().scale() > SCALE) {
            violations.add(new FieldViolation(field, "must have at most 2 decimal places"));
        } else if (amount.precision() - amount.scale() > 17) {
            violations.add(new FieldViolation(field, "must be less than 10^17"));
        }
    }

    /** The ISO 4217 code, upper-cased, CNY when blank; an unknown code adds a violation and answers null. */
    public static String currencyOrDefault(String currency, String field, List<FieldViolation> violations) {
        if (currency == null || currency.isBlank()) {
            return DEFAULT_CURRENCY;
        }
        String code = currency.strip().toUpperCase(Locale.ROOT);
        if (!code.matches("[A-Z]{3}")) {
            violations.add(new FieldViolation(field, "must be an ISO 4217 currency code such as CNY, USD or EUR"));
            return null;
        }
        try {
            return Currency.getInstance(code).getCurrencyCode();
        } catch (IllegalArgumentException unknown) {
            violations.add(new FieldViolation(field, "unknown ISO 4217 currency " + code));
            return null;
        }
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    /** This amount times a factor (a quantity, a probability as a fraction), rounded half-even to cents. */
    public Money times(BigDecimal factor) {
        return new Money(amount.multiply(factor).setScale(SCALE, RoundingMode.HALF_EVEN), currency);
    }

    /** The amount as a plain decimal string ("1200.00"), as events and JSON carry it. */
    public String text() {
        return amount.toPlainString();
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot combine " + currency + " with " + other.currency);
        }
    }
}
