package io.clientele.campaign.material;

import io.clientele.platform.Actor;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Materials", description = "Email templates, SMS texts, call scripts and letters, versioned")
class MaterialApi {
    private final Materials materials;

    MaterialApi(Materials materials) {
        this.materials = materials;
    }

    /** What to preview: a customer, and optionally a sample offer and a version other than the current one. */
    record PreviewRequest(
            @Nullable Long customerId,
            @Nullable SampleOffer offer,
            @Nullable Integer version) {}

    @GetMapping("/api/v1/materials")
    @Operation(
            summary = "Materials by kind and name; kind filters (EMAIL, SMS, CALL_SCRIPT, LETTER), archived=true"
                    + " lists the archived ones")
    PageResult<Material> list(
            @RequestParam(required = false) @Nullable String kind,
            @RequestParam(defaultValue = "false") boolean archived,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        PageResult.check(page, size, 100);
        return materials.page(kind(kind), archived, page, size);
    }

    @PostMapping("/api/v1/materials")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a material (version 1); the HTML body of an email is cleaned")
    Material create(@RequestBody MaterialInput input) {
        return materials.create(input, Actor.current().name());
    }

    @GetMapping("/api/v1/materials/{id}")
    @Operation(summary = "A material with its current version")
    Material get(@PathVariable long id) {
        return materials.find(id);
    }

    @PutMapping("/api/v1/materials/{id}")
    @Operation(summary = "Save a new version of a material; its kind stays")
    Material update(@PathVariable long id, @RequestBody MaterialInput input) {
        return materials.update(id, input, Actor.current().name());
    }

    @PostMapping("/api/v1/materials/{id}/archive")
    @Operation(summary = "Take a material out of the list; its versions stay readable")
    Material archive(@PathVariable long id) {
        return materials.archive(id, Actor.current().name());
    }

    @PostMapping("/api/v1/materials/{id}/restore")
    @Operation(summary = "Bring an archived material back into the library")
    Material restore(@PathVariable long id) {
        return materials.restore(id, Actor.current().name());
    }

    @GetMapping("/api/v1/materials/{id}/versions")
    @Operation(summary = "Every version of a material, newest first")
    List<MaterialVersion> versions(@PathVariable long id) {
        return materials.versions(id);
    }

    @PostMapping("/api/v1/materials/{id}/preview")
    @Operation(
            summary = "The material as one customer would get it (needs customers:read too); sends nothing",
            description = "Body: {customerId, offer: {code, description, validUntil}, version}")
    Preview preview(@PathVariable long id, @RequestBody PreviewRequest request) {
        if (request.customerId() == null) {
            throw new InvalidInputException(FieldProblem.of("customerId", "validation.required"));
        }
        return materials.preview(id, request.version(), request.customerId(), request.offer());
    }

    static @Nullable MaterialKind kind(@Nullable String kind) {
        if (kind == null || kind.isBlank()) {
            return null;
        }
        try {
            return MaterialKind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    FieldProblem.of("kind", "validation.oneOf", List.of(MaterialKind.values())));
        }
    }
}
