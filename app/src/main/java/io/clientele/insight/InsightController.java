package io.clientele.insight;

import io.clientele.analytics.value.MatrixClass;
import io.clientele.analytics.value.RfmSegment;
import io.clientele.analytics.value.ValueGrade;
import io.clientele.platform.Actor;
import io.clientele.platform.NotFoundException;
import io.clientele.platform.PageResult;
import io.clientele.platform.web.Flash;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The insight pages: a run's value pyramid and Pareto curve, RFM grid and segments, churn by grade, the 3x3 matrix;
 * the runs with their progress; the customers behind every figure; a customer's scores on their page.
 */
@Controller
class InsightController {
    private final ScoreRuns runs;
    private final Scoring scoring;
    private final ScoredCustomers customers;
    private final ClvValidation validation;
    private final Transitions transitions;
    private final Clock clock;

    InsightController(
            ScoreRuns runs,
            Scoring scoring,
            ScoredCustomers customers,
            ClvValidation validation,
            Transitions transitions,
            Clock clock) {
        this.runs = runs;
        this.scoring = scoring;
        this.customers = customers;
        this.validation = validation;
        this.transitions = transitions;
        this.clock = clock;
    }

    /** How old the latest scores are and whether a run is under way: the line above the insight pages. */
    private void freshness(Model model) {
        model.addAttribute(
                "freshness",
                Freshness.of(
                        runs.latestCompleted().orElse(null),
                        runs.runnable().stream().findFirst().orElse(null),
                        clock.instant(),
                        clock.getZone()));
    }

    /** The lifetime-value models against a holdout: the user picks the calibration end and the model. */
    @GetMapping("/insight/clv")
    String validate(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable
                    LocalDate calibrationEnd,
            @RequestParam(defaultValue = "bgnbd") String model,
            Model page) {
        LocalDate end = calibrationEnd != null
                ? calibrationEnd
                : validation.observationEnd().minusDays(182);
        page.addAttribute("calibrationEnd", end);
        page.addAttribute("model", model);
        page.addAttribute("observationEnd", validation.observationEnd());
        page.addAttribute("latest", runs.latestCompleted().orElse(null));
        freshness(page);
        try {
            page.addAttribute("result", validation.validate(model, end));
        } catch (IllegalArgumentException e) {
            page.addAttribute("error", e.getMessage());
        }
        return "insight/clv";
    }

    @GetMapping("/insight")
    String latest(Model model) {
        ScoreRun run = runs.latestCompleted().orElse(null);
        if (run == null) {
            model.addAttribute("runs", runs.page(0, 5));
            defaults(model);
            return "insight/empty";
        }
        return overview(run, model);
    }

    @GetMapping("/insight/runs/{id}")
    String run(@PathVariable long id, Model model) {
        ScoreRun run = runs.find(id).orElseThrow(() -> new NotFoundException("No scoring run " + id));
        if (run.status() != ScoreRun.Status.COMPLETED) {
            return "redirect:/insight/runs";
        }
        return overview(run, model);
    }

    private String overview(ScoreRun run, Model model) {
        model.addAttribute("run", run);
        model.addAttribute("summary", run.summary());
        model.addAttribute("history", runs.completed(24));
        model.addAttribute("grades", ValueGrade.values());
        model.addAttribute("segments", RfmSegment.values());
        model.addAttribute("matrixClasses", MatrixClass.values());
        model.addAttribute("clvBands", customers.clvBands(run));
        freshness(model);
        return "insight/overview";
    }

    @GetMapping("/insight/runs")
    String runs(@RequestParam(defaultValue = "0") int page, Model model) {
        PageResult.check(page);
        model.addAttribute("runs", runs.page(Math.max(0, page), 20));
        defaults(model);
        return "insight/runs";
    }

    @GetMapping("/insight/runs/{id}/progress")
    String progress(@PathVariable long id, Model model) {
        model.addAttribute("run", runs.find(id).orElseThrow(() -> new NotFoundException("No scoring run " + id)));
        return "insight/fragments :: progress";
    }

    @PostMapping("/insight/runs")
    String start(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate asOf,
            @RequestParam(required = false) @Nullable Integer churnDays,
            @RequestParam(required = false) @Nullable Double gradeA,
            @RequestParam(required = false) @Nullable Double gradeB,
            @RequestParam(required = false) @Nullable Double gradeC,
            RedirectAttributes redirect) {
        try {
            ScoreRun run = scoring.queue(
                    ScoreRun.Trigger.UI,
                    new Scoring.Request(asOf, churnDays, percent(gradeA), percent(gradeB), percent(gradeC)),
                    Actor.current().name());
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("insight.flash.queued", run.id(), run.asOf()));
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("startError", e.getMessage());
        }
        return "redirect:/insight/runs";
    }

    /** The form takes cut-offs in percent. */
    private static @Nullable Double percent(@Nullable Double value) {
        return value == null ? null : value / 100;
    }

    @GetMapping("/insight/customers")
    String customers(DrillQuery query, @RequestParam(defaultValue = "0") int page, Model model) {
        PageResult.check(page);
        ScoreRun scoreRun = query.scoreRun(runs);
        try {
            ScoredCustomers.Filter filter = query.filter();
            String order = query.order();
            model.addAttribute("run", scoreRun);
            model.addAttribute("filter", filter);
            model.addAttribute("sort", order);
            model.addAttribute("page", customers.page(scoreRun, filter, order, Math.max(0, page), 50));
            UriComponentsBuilder figure = UriComponentsBuilder.newInstance().queryParam("run", scoreRun.id());
            filter.parameters().forEach(figure::queryParam);
            // what can be done with these customers is another feature's fragment, loaded by htmx
            model.addAttribute(
                    "actions",
                    figure.cloneBuilder()
                            .path("/insight/customers/actions")
                            .build()
                            .encode()
                            .toUriString());
            model.addAttribute(
                    "link",
                    figure.path("/insight/customers")
                            .queryParam("sort", order)
                            .build()
                            .encode()
                            .toUriString());
            freshness(model);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage(), e);
        }
        return "insight/customers";
    }

    /**
     * How customers moved between two runs that keep their rows (by default the latest and the one before), by matrix
     * class or by grade; each count drills down to its customers.
     */
    @GetMapping("/insight/transitions")
    String transitions(
            @RequestParam(required = false) @Nullable Long from,
            @RequestParam(required = false) @Nullable Long to,
            @RequestParam(defaultValue = "MATRIX") String by,
            Model model) {
        Transitions.By grouping = Arrays.stream(Transitions.By.values())
                .filter(b -> b.name().equals(by))
                .findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "by: MATRIX or GRADE"));
        List<ScoreRun> comparable = transitions.comparable(runs);
        model.addAttribute("comparable", comparable);
        model.addAttribute("by", grouping);
        ScoreRun second = pick(comparable, to, 0);
        ScoreRun first = pick(comparable, from, 1);
        if (first != null && second != null) {
            model.addAttribute("table", transitions.between(first, second, grouping));
        }
        freshness(model);
        return "insight/transitions";
    }

    /** The run of that id among those that keep their rows, else the one at that place (latest first). */
    private static @Nullable ScoreRun pick(List<ScoreRun> comparable, @Nullable Long id, int place) {
        if (id != null) {
            return comparable.stream()
                    .filter(run -> run.id() == id)
                    .findFirst()
                    .orElseThrow(() -> new NotFoundException("No scoring run " + id + " that keeps its scores"));
        }
        return comparable.size() > place ? comparable.get(place) : null;
    }

    /** The scores part of the customer page (loaded by htmx): the latest run's scores and the earlier ones. */
    @GetMapping("/customers/{customerId}/scores")
    String customerScores(@PathVariable long customerId, Model model) {
        model.addAttribute("scores", customers.ofCustomer(customerId, 6));
        return "insight/customer-scores :: scores";
    }

    private void defaults(Model model) {
        model.addAttribute("defaults", scoring.defaults());
        model.addAttribute("defaultAsOf", scoring.defaultAsOf());
    }
}
