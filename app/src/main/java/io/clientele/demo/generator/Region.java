package io.clientele.demo.generator;

import java.util.List;

/** A sales region with its cities; {@code postalPrefixes} pairs with {@code cities}. */
record Region(String code, String name, List<String> cities, List<String> postalPrefixes) {}
