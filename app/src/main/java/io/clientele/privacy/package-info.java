/**
 * A person's privacy rights (GDPR): the export of everything held about a customer (Art. 15 and 20: one ZIP of JSON and
 * CSV files), the erasure (Art. 17), and the retention policy that erases prospects who never bought. Each feature
 * contributes its part through {@link io.clientele.platform.PersonalDataParticipant}; this module orders them, runs
 * an erasure in one transaction and audits every export and erasure.
 */
@ApplicationModule(allowedDependencies = {"audit", "customer", "platform"})
@OwnsTables({})
@NullMarked
package io.clientele.privacy;

import io.clientele.platform.OwnsTables;
import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
