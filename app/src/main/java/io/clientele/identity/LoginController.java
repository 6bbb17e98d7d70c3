package io.clientele.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class LoginController {
    private final Clock clock;

    LoginController(Clock clock) {
        this.clock = clock;
    }

    /** {@code refused} is the epoch second until which attempts are refused; the page says how long that is. */
    @GetMapping("/login")
    String login(@RequestParam(required = false) @Nullable Long refused, Model model) {
        if (refused != null) {
            long seconds = Math.max(
                    1,
                    Duration.between(clock.instant(), Instant.ofEpochSecond(refused))
                            .toSeconds());
            model.addAttribute("waitSeconds", seconds < 120 ? seconds : null);
            model.addAttribute("waitMinutes", seconds < 120 ? null : (seconds + 59) / 60);
        }
        return "identity/login";
    }
}
