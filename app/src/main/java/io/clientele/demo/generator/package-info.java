/**
 * A seeded, streaming generator of a retail demo data set (stores, salespeople, products, card holders and
 * their receipts) written as CSV files, with planted behaviour that the analytics must be able to recover.
 */
package io.clientele.demo.generator;
