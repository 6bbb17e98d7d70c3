package io.clientele.privacy;

import io.clientele.platform.web.Flash;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The customer page's privacy buttons: download the export, erase the customer. */
@Controller
class PrivacyController {
    private final PersonalData data;

    PrivacyController(PersonalData data) {
        this.data = data;
    }

    @GetMapping("/customers/{id}/privacy-export")
    ResponseEntity<byte[]> export(@PathVariable long id) {
        return PrivacyDownloads.zip(id, data.export(id));
    }

    @PostMapping("/customers/{id}/erasure")
    String erase(@PathVariable long id, RedirectAttributes redirect) {
        data.erase(id);
        redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("privacy.flash.erased", id));
        return "redirect:/customers";
    }
}
