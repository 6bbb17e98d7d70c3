package io.clientele.service;

import io.clientele.insight.ProductQuality;
import io.clientele.insight.ScoreRun;
import io.clientele.insight.ScoreRuns;
import io.clientele.platform.NotFoundException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Complaint and product-failure rates per product, store and period (a scoring run's lookback): the figures the run
 * computed (docs/insight.md), as a sortable table and a bar chart. A store manager sees their stores' figures.
 */
@Controller
class QualityController {
    /** Bars drawn: the rows with the most failures (the table lists them all). */
    static final int BARS = 15;

    private final ScoreRuns runs;
    private final ProductQuality quality;

    QualityController(ScoreRuns runs, ProductQuality quality) {
        this.runs = runs;
        this.quality = quality;
    }

    @GetMapping("/service/quality")
    String quality(
            @RequestParam(required = false) @Nullable Long run,
            @RequestParam(required = false) @Nullable Integer product,
            @RequestParam(required = false) @Nullable Integer store,
            @RequestParam(defaultValue = "false") boolean byStore,
            Model model) {
        List<ScoreRun> periods = runs.completed(24);
        // the periods run oldest to newest; without a choice, the newest
        Optional<ScoreRun> chosen = run == null
                ? periods.stream().reduce((older, newer) -> newer)
                : Optional.of(runs.find(run)
                        .filter(r -> r.status() == ScoreRun.Status.COMPLETED)
                        .orElseThrow(() -> new NotFoundException("No completed scoring run " + run)));
        // one product is shown per store: where it fails is the question then
        boolean perStore = byStore || product != null || store != null;
        List<ProductQuality.Rate> rates =
                chosen.map(r -> quality.ofRun(r.id(), product, store, perStore)).orElse(List.of());
        model.addAttribute("run", chosen.orElse(null));
        model.addAttribute("periods", periods);
        model.addAttribute("stores", chosen.map(r -> quality.storesOf(r.id())).orElse(List.of()));
        model.addAttribute("product", product);
        model.addAttribute("store", store);
        model.addAttribute("byStore", perStore);
        model.addAttribute("rates", rates);
        model.addAttribute("bars", rates.subList(0, Math.min(BARS, rates.size())));
        return "service/quality";
    }
}
