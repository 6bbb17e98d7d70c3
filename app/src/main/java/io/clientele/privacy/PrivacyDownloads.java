package io.clientele.privacy;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/** The export's download, the same from the page and the API. */
final class PrivacyDownloads {
    static final String ZIP = "application/zip";

    private PrivacyDownloads() {}

    static ResponseEntity<byte[]> zip(long customerId, byte[] archive) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, ZIP)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"customer-" + customerId + "-personal-data.zip\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(archive);
    }
}
