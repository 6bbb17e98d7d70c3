package io.clientele.demo;

import io.clientele.merchandising.SalespersonAppraisal;
import io.clientele.merchandising.SalespersonTargets;
import io.clientele.merchandising.TargetPeriod;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Every salesperson's revenue target of each month and quarter of the demo's two years (docs/demo-data.md, 16): 92–118%
 * of what they sold (to the unit), so that they land at 85–109%, and the planted {@link #STAR}'s at
 * 1 / {@link #STAR_ATTAINMENT} of it, so that the appraisal ranks them first at 160% in every period.
 */
@Component
class DemoTargets {
    static final String STAR = "P0002";
    static final BigDecimal STAR_ATTAINMENT = new BigDecimal("1.60");

    /** The target of a salesperson without sales in a period, so that they have one too. */
    static final BigDecimal FLOOR = new BigDecimal("1000.00");

    private final SalespersonAppraisal appraisal;
    private final SalespersonTargets targets;

    DemoTargets(SalespersonAppraisal appraisal, SalespersonTargets targets) {
        this.appraisal = appraisal;
        this.targets = targets;
    }

    /** Targets of the 24 months up to the one of {@code asOf}, and of their quarters; returns how many. */
    int load(LocalDate asOf, long seed) {
        Set<TargetPeriod> periods = new LinkedHashSet<>();
        for (int m = 0; m < 24; m++) {
            LocalDate day = asOf.minusMonths(m);
            periods.add(TargetPeriod.monthOf(day));
            periods.add(TargetPeriod.quarterOf(day));
        }
        Random random = new Random(seed);
        List<SalespersonTargets.Planned> planned = new ArrayList<>();
        for (TargetPeriod period : periods) {
            for (SalespersonAppraisal.Row row : appraisal.of(period).rows()) {
                BigDecimal target = row.salesperson().equals(STAR)
                        ? row.revenue().divide(STAR_ATTAINMENT, 2, RoundingMode.HALF_UP)
                        : row.revenue()
                                .multiply(BigDecimal.valueOf(0.92 + 0.26 * random.nextDouble()))
                                .setScale(0, RoundingMode.HALF_UP)
                                .setScale(2);
                planned.add(new SalespersonTargets.Planned(
                        row.salesperson(), period, target.signum() > 0 ? target : FLOOR));
            }
        }
        targets.storeAll(planned);
        return planned.size();
    }
}
