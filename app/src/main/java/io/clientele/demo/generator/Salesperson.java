package io.clientele.demo.generator;

/** A salesperson of one store; a star's receipts are planted to be worth more (see {@link StoreNetwork}). */
record Salesperson(String code, String name, String storeCode, boolean star) {}
