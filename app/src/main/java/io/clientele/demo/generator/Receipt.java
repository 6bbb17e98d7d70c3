package io.clientele.demo.generator;

import java.util.List;

/** A receipt before it gets its id; {@code time} in days since the window start (see {@link DataWindow}). */
record Receipt(double time, Store store, Salesperson salesperson, boolean isReturn, List<SaleLine> lines) {}
