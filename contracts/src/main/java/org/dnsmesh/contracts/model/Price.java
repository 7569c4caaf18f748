package org.dnsmesh.contracts.model;

import java.math.BigDecimal;

/** ODCS {@code price}. */
public record Price(String id, BigDecimal priceAmount, String priceCurrency, String priceUnit) {}
