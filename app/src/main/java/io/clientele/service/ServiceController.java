package io.clientele.service;

import io.clientele.customer.Customers;
import io.clientele.platform.Actor;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.PageResult;
import io.clientele.platform.web.Flash;
import io.clientele.platform.web.FormErrors;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The service pages: the queue (filters, SLA state), a new request (an agent on a call), a request (its
 * conversation; note, reply, work, assign, resolve, close, rate, merge), and the customer page's requests.
 */
@Controller
class ServiceController {
    private final ServiceRequests requests;
    private final Customers customers;
    private final Clock clock;

    ServiceController(ServiceRequests requests, Customers customers, Clock clock) {
        this.requests = requests;
        this.customers = customers;
        this.clock = clock;
    }

    @GetMapping("/service")
    String queue(
            @RequestParam(required = false) @Nullable Integer queue,
            @RequestParam(required = false) @Nullable String assignee,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String category,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        PageResult.check(page, 50, 50);
        ServiceRequests.Filter filter = ServiceApi.filter(queue, assignee, status, category);
        model.addAttribute("page", requests.queue(filter, page, 50));
        model.addAttribute("filter", filter);
        model.addAttribute("queues", requests.queues());
        model.addAttribute("agents", requests.agents());
        model.addAttribute("statuses", RequestStatus.values());
        model.addAttribute("categories", RequestCategory.values());
        model.addAttribute("now", clock.instant());
        return "service/queue";
    }

    @GetMapping("/service/new")
    String newRequest(@RequestParam(required = false) @Nullable Long customer, Model model) {
        Map<String, String> form = new LinkedHashMap<>();
        if (customer != null) {
            form.put("customerId", String.valueOf(customer));
        }
        form.put("channel", RequestChannel.PHONE.name());
        return newPage(model, FormErrors.NONE, form);
    }

    private String newPage(Model model, FormErrors errors, Map<String, String> form) {
        model.addAttribute("form", form);
        model.addAttribute(FormErrors.ATTRIBUTE, errors);
        model.addAttribute("categories", RequestCategory.values());
        model.addAttribute("priorities", Priority.values());
        model.addAttribute("channels", RequestChannel.values());
        return "service/new";
    }

    @PostMapping("/service")
    String create(@RequestParam Map<String, String> params, Model model, RedirectAttributes redirect) {
        Map<String, String> form = new LinkedHashMap<>(params);
        form.remove("_csrf");
        try {
            ServiceRequests.RequestInput input = new ServiceRequests.RequestInput(
                    number(form.get("customerId"), Long::valueOf, "customerId"),
                    form.get("contactName"),
                    form.get("contactEmail"),
                    form.get("subject"),
                    form.get("description"),
                    form.get("category"),
                    form.get("priority"),
                    form.get("channel"),
                    number(form.get("productId"), Math::toIntExact, "productId"),
                    number(form.get("saleId"), Long::valueOf, "saleId"),
                    null,
                    null);
            long id = requests.create(input, Actor.current().name(), null)
                    .request()
                    .id();
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("service.flash.created", id));
            return "redirect:/service/" + id;
        } catch (InvalidInputException e) {
            return newPage(model, FormErrors.of(e.problems()), form);
        }
    }

    /** A number typed in a form; a wrong one is a 400-style problem naming the field. */
    private static <T> @Nullable T number(@Nullable String text, LongFunction<T> type, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return type.apply(Long.parseLong(text.strip()));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidInputException(io.clientele.platform.FieldProblem.of(field, "validation.number"));
        }
    }

    @GetMapping("/service/{id}")
    String request(@PathVariable long id, Model model) {
        return requestPage(id, model, FormErrors.NONE);
    }

    private String requestPage(long id, Model model, FormErrors errors) {
        model.addAttribute("request", requests.find(id));
        model.addAttribute("messages", requests.conversation(id));
        model.addAttribute("agents", requests.agents());
        model.addAttribute("categories", RequestCategory.values());
        model.addAttribute("priorities", Priority.values());
        model.addAttribute("now", clock.instant());
        model.addAttribute(FormErrors.ATTRIBUTE, errors);
        return "service/request";
    }

    /** Runs a change of the request page's forms: back to the page with a flash, or the page with the problems. */
    private String act(long id, String flash, Runnable change, Model model, RedirectAttributes redirect) {
        try {
            change.run();
        } catch (InvalidInputException e) {
            return requestPage(id, model, FormErrors.of(e.problems()));
        }
        redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of(flash));
        return "redirect:/service/" + id;
    }

    @PostMapping("/service/{id}/notes")
    String note(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable String body,
            Model model,
            RedirectAttributes redirect) {
        return act(
                id,
                "service.flash.noted",
                () -> requests.note(id, body, Actor.current().name(), null),
                model,
                redirect);
    }

    @PostMapping("/service/{id}/replies")
    String reply(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable String body,
            Model model,
            RedirectAttributes redirect) {
        return act(
                id,
                "service.flash.replied",
                () -> requests.reply(id, body, Actor.current().name(), null),
                model,
                redirect);
    }

    @PostMapping("/service/{id}/work")
    String work(@PathVariable long id, Model model, RedirectAttributes redirect) {
        return act(id, "service.flash.working", () -> requests.work(id), model, redirect);
    }

    @PostMapping("/service/{id}/assign")
    String assign(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable String assignee,
            Model model,
            RedirectAttributes redirect) {
        return act(id, "service.flash.assigned", () -> requests.assign(id, assignee), model, redirect);
    }

    @PostMapping("/service/{id}/classify")
    String classify(
            @PathVariable long id, @RequestParam Map<String, String> params, Model model, RedirectAttributes redirect) {
        return act(
                id,
                "service.flash.classified",
                () -> requests.classify(
                        id,
                        new ServiceRequests.Classification(
                                params.get("category"),
                                params.get("priority"),
                                number(params.get("productId"), Math::toIntExact, "productId"),
                                number(params.get("saleId"), Long::valueOf, "saleId"))),
                model,
                redirect);
    }

    @PostMapping("/service/{id}/resolve")
    String resolve(@PathVariable long id, Model model, RedirectAttributes redirect) {
        return act(id, "service.flash.resolved", () -> requests.resolve(id), model, redirect);
    }

    @PostMapping("/service/{id}/close")
    String close(@PathVariable long id, Model model, RedirectAttributes redirect) {
        return act(id, "service.flash.closed", () -> requests.close(id), model, redirect);
    }

    @PostMapping("/service/{id}/satisfaction")
    String rate(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable Integer satisfaction,
            Model model,
            RedirectAttributes redirect) {
        return act(id, "service.flash.rated", () -> requests.rate(id, satisfaction), model, redirect);
    }

    @PostMapping("/service/{id}/merge")
    String merge(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable Long into,
            Model model,
            RedirectAttributes redirect) {
        return act(id, "service.flash.merged", () -> requests.merge(id, into), model, redirect);
    }

    /** The customer page's part: the customer's latest requests. */
    @GetMapping("/customers/{id}/service")
    String ofCustomer(@PathVariable long id, Model model) {
        customers.requireInScope(id);
        model.addAttribute("requests", requests.ofCustomer(id));
        model.addAttribute("customerId", id);
        return "service/customer :: service";
    }
}
