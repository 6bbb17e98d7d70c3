package io.clientele.campaign.response;

import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.Base64;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public endpoints campaign messages link to: the open pixel, the click redirect and the unsubscribe page with
 * its RFC 8058 one-click POST. No sign-in: the signed token is the authority. A GET never unsubscribes (mail
 * scanners fetch links); a bad click link answers 400 and never redirects.
 */
@Controller
class TrackingController {
    private static final byte[] PIXEL =
            Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");

    private final Tracking tracking;

    TrackingController(Tracking tracking) {
        this.tracking = tracking;
    }

    /** The pixel answers the same image for any token, so a forged one learns nothing. */
    @GetMapping("/t/o/{token}.gif")
    ResponseEntity<byte[]> open(@PathVariable String token) {
        tracking.open(token);
        return ResponseEntity.ok()
                .contentType(MediaType.IMAGE_GIF)
                .cacheControl(CacheControl.noStore().mustRevalidate())
                .header(HttpHeaders.PRAGMA, "no-cache")
                .header(HttpHeaders.EXPIRES, "0")
                .body(PIXEL);
    }

    @GetMapping("/t/c/{token}")
    Object click(
            @PathVariable String token,
            @RequestParam(name = "u", required = false) @Nullable String target,
            Model model,
            HttpServletResponse response) {
        Optional<URI> to = tracking.click(token, target);
        if (to.isEmpty()) {
            return page(model, response, HttpStatus.BAD_REQUEST, "BAD_LINK", null, token);
        }
        return ResponseEntity.status(HttpStatus.FOUND).location(to.get()).build();
    }

    @GetMapping("/u/{token}")
    String unsubscribePage(@PathVariable String token, Model model, HttpServletResponse response) {
        return tracking.unsubscribeAddress(token)
                .map(address -> page(model, response, HttpStatus.OK, "ASK", address, token))
                .orElseGet(() -> page(model, response, HttpStatus.NOT_FOUND, "UNKNOWN", null, token));
    }

    /** The page's button and the mail client's one-click POST ({@code List-Unsubscribe=One-Click}) alike. */
    @PostMapping("/u/{token}")
    String unsubscribe(@PathVariable String token, Model model, HttpServletResponse response) {
        return tracking.unsubscribe(token)
                .map(address -> page(model, response, HttpStatus.OK, "DONE", address, token))
                .orElseGet(() -> page(model, response, HttpStatus.NOT_FOUND, "UNKNOWN", null, token));
    }

    private static String page(
            Model model,
            HttpServletResponse response,
            HttpStatus status,
            String state,
            @Nullable String address,
            String token) {
        response.setStatus(status.value());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        model.addAttribute("state", state);
        model.addAttribute("address", address);
        model.addAttribute("token", token);
        return "campaign/response/public";
    }
}
