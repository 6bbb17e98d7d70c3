/**
 * Benchmarks at scale: each scenario is timed side by side with its plain baseline in the same run, and the
 * figures go to docs/benchmarks.md with the date, data size and machine.
 */
package io.clientele.bench;
