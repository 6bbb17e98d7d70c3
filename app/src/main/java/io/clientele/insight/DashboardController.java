package io.clientele.insight;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;

@Controller
@RequestMapping("/")
class DashboardController {
    private final Dashboard dashboard;

    DashboardController(Dashboard dashboard) {
        this.dashboard = dashboard;
    }

    @GetMapping
    String dashboard(Model model) {
        model.addAttribute("headlines", dashboard.headlines());
        return "insight/dashboard";
    }

    @GetMapping("/api/v1/dashboard")
    @Tag(name = "Insight", description = "Figures and analytics")
    @Operation(summary = "Headline figures of the last 30 days against the 30 before, and 24 months of revenue")
    @ResponseBody
    Dashboard.Headlines headlines() {
        return dashboard.headlines();
    }
}
