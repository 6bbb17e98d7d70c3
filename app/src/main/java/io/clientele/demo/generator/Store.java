package io.clientele.demo.generator;

import java.time.LocalDate;
import java.util.List;

/** A store and its staff; {@code size} scales its anonymous traffic and the share of card holders who call it home. */
record Store(
        int index,
        String code,
        String name,
        Region region,
        String city,
        LocalDate openedOn,
        double size,
        List<Salesperson> salespeople) {}
