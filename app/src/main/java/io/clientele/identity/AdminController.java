package io.clientele.identity;

import java.security.Principal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Administration: the people who sign in, and the API tokens of integrations. ADMIN only (see security). */
@Controller
@RequestMapping("/admin")
class AdminController {
    private final UserAccounts users;
    private final ApiTokens tokens;
    private final LoginProtection protection;
    private final ApiProperties api;
    private final SecondFactors secondFactors;
    private final UserDataScopes scopes;

    AdminController(
            UserAccounts users,
            ApiTokens tokens,
            LoginProtection protection,
            ApiProperties api,
            SecondFactors secondFactors,
            UserDataScopes scopes) {
        this.users = users;
        this.tokens = tokens;
        this.protection = protection;
        this.api = api;
        this.secondFactors = secondFactors;
        this.scopes = scopes;
    }

    @GetMapping("/users")
    String users(Model model) {
        model.addAttribute("users", users.all());
        model.addAttribute("locks", protection.locks());
        model.addAttribute("scopes", scopes.all());
        model.addAttribute("limited", UserDataScopes.LIMITED);
        model.addAttribute("assignable", UserDataScopes.ASSIGNABLE);
        return "identity/users";
    }

    /** The stores and regions whose customers a store manager, a salesperson or a service agent works with. */
    @PostMapping("/users/{username}/scope")
    String assignScope(
            @PathVariable String username,
            @RequestParam(defaultValue = "") String stores,
            @RequestParam(defaultValue = "") String regions,
            Principal principal,
            RedirectAttributes redirect) {
        scopes.assign(username, stores, regions, principal.getName());
        redirect.addFlashAttribute("scopeSaved", username);
        return "redirect:/admin/users";
    }

    /** Lifts the lockout of an account or a client address before its time. */
    @PostMapping("/users/unlock")
    String unlock(
            @RequestParam LoginSubject.Kind kind,
            @RequestParam String subject,
            Principal principal,
            RedirectAttributes redirect) {
        LoginSubject unlocked = new LoginSubject(kind, subject);
        if (protection.unlock(unlocked, principal.getName())) {
            redirect.addFlashAttribute("unlocked", unlocked.key());
        }
        return "redirect:/admin/users";
    }

    /** Recovery for someone who lost their authenticator: signing in asks for the password only, until they enrol again. */
    @PostMapping("/users/{username}/second-factor/reset")
    String resetSecondFactor(@PathVariable String username, Principal principal, RedirectAttributes redirect) {
        if (secondFactors.reset(username, principal.getName())) {
            redirect.addFlashAttribute("secondFactorReset", username);
        }
        return "redirect:/admin/users";
    }

    @GetMapping("/tokens")
    String tokens(Model model) {
        model.addAttribute("tokens", tokens.all());
        model.addAttribute("scopes", ApiScope.values());
        model.addAttribute("defaultRateLimit", api.rateLimit().perMinute());
        return "identity/tokens";
    }

    @PostMapping("/tokens")
    String issue(
            @RequestParam String name,
            @RequestParam(required = false) List<String> scopes,
            @RequestParam(required = false) @Nullable Integer rateLimitPerMinute,
            Principal principal,
            RedirectAttributes redirect) {
        Set<ApiScope> chosen = EnumSet.noneOf(ApiScope.class);
        if (scopes != null) {
            scopes.forEach(code -> ApiScope.ofCode(code).ifPresent(chosen::add));
        }
        try {
            ApiTokens.IssuedToken issued = tokens.issue(name, chosen, rateLimitPerMinute, principal.getName());
            // the secret travels once, in the flash attributes of the redirect, and is never stored
            redirect.addFlashAttribute("issued", issued);
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/admin/tokens";
    }

    @PostMapping("/tokens/{id}/revoke")
    String revoke(@PathVariable long id, Principal principal, RedirectAttributes redirect) {
        tokens.revoke(id, principal.getName());
        redirect.addFlashAttribute("revoked", id);
        return "redirect:/admin/tokens";
    }
}
