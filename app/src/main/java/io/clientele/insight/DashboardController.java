package io.clientele.insight;

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

    /** The dashboard's figures as JSON, for its chart and for integrations. */
    @GetMapping("/api/v1/dashboard")
    @ResponseBody
    Dashboard.Headlines headlines() {
        return dashboard.headlines();
    }
}
