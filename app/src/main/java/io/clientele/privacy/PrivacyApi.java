package io.clientele.privacy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/customers")
@Tag(name = "Privacy", description = "A customer's personal data: export (GDPR Art. 15, 20) and erasure (Art. 17)")
class PrivacyApi {
    private final PersonalData data;

    PrivacyApi(PersonalData data) {
        this.data = data;
    }

    @GetMapping(value = "/{id}/privacy-export", produces = PrivacyDownloads.ZIP)
    @Operation(
            summary = "Everything held about a customer, as a ZIP of one JSON file and one CSV file per kind of data;"
                    + " audited; needs privacy:manage")
    ResponseEntity<byte[]> export(@PathVariable long id) {
        return PrivacyDownloads.zip(id, data.export(id));
    }

    @PostMapping("/{id}/erasure")
    @Operation(
            summary = "Erase a customer: personal data removed or anonymised in every feature, receipts and campaign"
                    + " counts kept without the person, addresses kept suppressed as hashes; audited; needs"
                    + " privacy:manage; 404 for an unknown or already erased customer")
    ResponseEntity<Void> erase(@PathVariable long id) {
        data.erase(id);
        return ResponseEntity.noContent().build();
    }
}
