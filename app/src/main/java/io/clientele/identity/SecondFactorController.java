package io.clientele.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The second factor: the code step of sign-in ({@code /login/totp}, open to a session holding a pending sign-in),
 * and enrolment for administrators and marketing managers ({@code /account/second-factor}, see security). Wrong
 * codes count as failed sign-ins of the account and address, with the same delays and lockout as passwords.
 */
@Controller
class SecondFactorController {
    private final SecondFactors secondFactors;
    private final LoginProtection protection;
    private final Clock clock;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final RequestCache requestCache = new HttpSessionRequestCache();

    SecondFactorController(SecondFactors secondFactors, LoginProtection protection, Clock clock) {
        this.secondFactors = secondFactors;
        this.protection = protection;
        this.clock = clock;
    }

    @GetMapping("/login/totp")
    String codeForm(HttpServletRequest request) {
        return pending(request).isPresent() ? "identity/totp" : "redirect:/login";
    }

    @PostMapping("/login/totp")
    String code(@RequestParam String code, HttpServletRequest request, HttpServletResponse response) {
        Optional<PasswordAccepted.Pending> pending = pending(request);
        if (pending.isEmpty()) {
            return "redirect:/login";
        }
        String username = pending.get().authentication().getName();
        LoginProtection.Attempt attempt = new LoginProtection.Attempt(username, request.getRemoteAddr());
        Optional<Instant> refused = protection.refusedUntil(attempt);
        if (refused.isPresent()) {
            request.getSession().removeAttribute(PasswordAccepted.Pending.ATTRIBUTE);
            return "redirect:/login?refused=" + refused.get().getEpochSecond();
        }
        if (!secondFactors.verify(username, code)) {
            protection.failed(attempt);
            return "redirect:/login/totp?error";
        }
        HttpSession session = request.getSession();
        session.removeAttribute(PasswordAccepted.Pending.ATTRIBUTE);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(pending.get().authentication());
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        // a new session id for the signed-in session, as after a password-only sign-in
        request.changeSessionId();
        protection.succeeded(attempt);
        // on to the page that asked for the sign-in, as a password-only sign-in goes
        SavedRequest asked = requestCache.getRequest(request, response);
        requestCache.removeRequest(request, response);
        return "redirect:" + (asked == null ? "/" : asked.getRedirectUrl());
    }

    @GetMapping("/account/second-factor")
    String enrolment(Principal principal, Model model) {
        model.addAttribute("state", secondFactors.state(principal.getName()));
        secondFactors.pending(principal.getName()).ifPresent(e -> model.addAttribute("enrolment", e));
        return "identity/second-factor";
    }

    @PostMapping("/account/second-factor")
    String begin(Principal principal) {
        if (secondFactors.state(principal.getName()) != SecondFactors.State.ENABLED) {
            secondFactors.begin(principal.getName());
        }
        return "redirect:/account/second-factor";
    }

    @PostMapping("/account/second-factor/confirm")
    String confirm(@RequestParam String code, Principal principal, RedirectAttributes redirect) {
        redirect.addFlashAttribute(secondFactors.confirm(principal.getName(), code) ? "enabled" : "wrongCode", true);
        return "redirect:/account/second-factor";
    }

    private Optional<PasswordAccepted.Pending> pending(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return Optional.ofNullable(session == null ? null : session.getAttribute(PasswordAccepted.Pending.ATTRIBUTE))
                .map(PasswordAccepted.Pending.class::cast)
                .filter(p -> p.isValid(clock));
    }
}
