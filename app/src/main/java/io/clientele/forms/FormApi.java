package io.clientele.forms;

import io.clientele.platform.Actor;
import io.clientele.platform.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Public forms over HTTP: definitions ({@code campaigns:read}, {@code campaigns:write}) and their submissions
 * ({@code campaigns:read}). Visitors submit on the public page, not here. Creating a form twice is refused by its
 * unique address ({@code slug}), so a retried create stores one form.
 */
@RestController
class FormApi {
    private final Forms forms;
    private final FormSubmissions submissions;

    FormApi(Forms forms, FormSubmissions submissions) {
        this.forms = forms;
        this.submissions = submissions;
    }

    @GetMapping("/api/v1/forms")
    @Operation(summary = "Forms, newest first")
    PageResult<Forms.Form> list(
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        PageResult.check(page, size, PageResult.MAX_SIZE);
        return forms.page(page, size);
    }

    @PostMapping("/api/v1/forms")
    @Operation(
            summary = "Create a form (201); 400 names every wrong field",
            description = "kind: NEWSLETTER, INQUIRY or EVENT (with eventId). fields: attribute (EMAIL, PHONE,"
                    + " FIRST_NAME, LAST_NAME, CITY, POSTAL_CODE, BIRTH_DATE, MESSAGE for an inquiry), label, required."
                    + " consents: channel (EMAIL, SMS, MAIL, PHONE), wording, required. A form with consents or an"
                    + " event needs a required EMAIL field (confirmation by email); a slug used by another form is a"
                    + " 400 naming slug, so a retried create stores one form.")
    ResponseEntity<Forms.Form> create(@RequestBody Forms.FormInput input) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(forms.create(input, Actor.current().name()));
    }

    @GetMapping("/api/v1/forms/{id}")
    @Operation(summary = "A form with its fields and consents")
    Forms.Form get(@PathVariable long id) {
        return forms.find(id);
    }

    @PutMapping("/api/v1/forms/{id}")
    @Operation(summary = "Replace a form's definition (submissions keep what they were given with)")
    Forms.Form update(@PathVariable long id, @RequestBody Forms.FormInput input) {
        return forms.update(id, input);
    }

    @GetMapping("/api/v1/forms/{id}/submissions")
    @Operation(summary = "A form's submissions, newest first: the customer, the answers, the consents and outcomes")
    PageResult<FormSubmissions.Submission> submissions(
            @PathVariable long id,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        PageResult.check(page, size, PageResult.MAX_SIZE);
        return submissions.page(id, page, size);
    }
}
