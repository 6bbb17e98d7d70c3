package io.clientele.drill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The application run as {@code ./clientele} runs it (the application jar, a command, a data directory), in a process
 * group of its own, with the embedded PostgreSQL it starts. {@link #crash()} kills the application and that
 * PostgreSQL — the postmaster and every backend — with SIGKILL, as an OOM kill or a host crash would.
 *
 * <p>Why not only {@code kill -9 -- -PGID}: zonky starts PostgreSQL through {@code pg_ctl}, which detaches the
 * postmaster into a session of its own (its parent becomes init), and each backend makes itself a process group
 * leader. So the postmaster is found by its {@code postmaster.pid} in the data directory, frozen (SIGSTOP, so it
 * starts no new backend), its children listed, and then one {@code kill -KILL} takes the application's group, the
 * postmaster and every backend.
 */
final class AppProcess {
    static final Path JAR = Path.of("target/clientele-app-0.1.0-SNAPSHOT-exec.jar");

    private final String name;
    private final Process process;
    private final Path dataDir;
    private final Path out;
    private final Path err;

    private AppProcess(String name, Process process, Path dataDir, Path out, Path err) {
        this.name = name;
        this.process = process;
        this.dataDir = dataDir;
        this.out = out;
        this.err = err;
    }

    /**
     * Starts {@code java <jvmOptions> -jar app.jar <arguments>} in a new session (its own process group), with the
     * {@code CLIENTELE_*} variables of this JVM removed and {@code environment} added; stdout and stderr go to
     * {@code <logs>/<name>.out|err}.
     */
    static AppProcess start(
            String name,
            Path dataDir,
            Path logs,
            List<String> jvmOptions,
            List<String> arguments,
            Map<String, String> environment)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add("setsid");
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(JAR.toAbsolutePath().toString());
        command.addAll(arguments);
        Files.createDirectories(logs);
        Path out = logs.resolve(name + ".out");
        Path err = logs.resolve(name + ".err");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("CLIENTELE_"));
        builder.environment().putAll(environment);
        return new AppProcess(name, builder.start(), dataDir, out, err);
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Whether {@code serve} said it is running. */
    boolean running() {
        return stderr().contains("Clientele is running");
    }

    String stderr() {
        return read(err);
    }

    String stdout() {
        return read(out);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** The last lines of stderr and stdout, for a failure message. */
    String tail() {
        return name + " stderr:\n" + last(stderr()) + "\n" + name + " stdout:\n" + last(stdout());
    }

    private static String last(String text) {
        String[] lines = text.split("[\r\n]+");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 30), lines.length));
    }

    /** Waits until {@code condition} holds; fails with the process's output when it exits or time runs out. */
    void await(String what, long seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited (" + process.exitValue() + ") before " + what + "\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + ": no " + what + " within " + seconds + " s\n" + tail());
            }
            Thread.sleep(20);
        }
    }

    /** Waits for the process to end by itself; its exit code. */
    int waitForExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " still running after " + seconds + " s\n" + tail());
        }
        return process.exitValue();
    }

    /** The port of the embedded PostgreSQL running on the data directory, read from its postmaster.pid. */
    int databasePort() throws IOException {
        return Integer.parseInt(
                Files.readAllLines(dataDir.resolve("pg/postmaster.pid")).get(3).trim());
    }

    Connection connect() throws IOException, SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + databasePort() + "/clientele", "postgres", null);
    }

    /** The live postmaster of the data directory, if there is one. */
    Optional<ProcessHandle> postmaster() {
        try {
            Path pidFile = dataDir.resolve("pg/postmaster.pid");
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().orElse("").endsWith("postgres"));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * SIGKILL to the application, its descendants, the embedded postmaster and all its backends, in one
     * {@code kill}; returns once every one of them is gone. Answers how many processes were killed.
     */
    int crash() throws IOException, InterruptedException {
        Optional<ProcessHandle> postmaster = postmaster();
        if (postmaster.isPresent()) {
            signal("-STOP", List.of(String.valueOf(postmaster.get().pid())));
        }
        List<ProcessHandle> victims = new ArrayList<>();
        postmaster.ifPresent(pm -> {
            victims.add(pm);
            pm.descendants().forEach(victims::add);
        });
        ProcessHandle app = process.toHandle();
        victims.add(app);
        app.descendants().forEach(victims::add);
        List<String> targets = new ArrayList<>();
        // the application's process group (setsid made it its leader), then each process by its id
        targets.add("-" + app.pid());
        victims.forEach(victim -> targets.add(String.valueOf(victim.pid())));
        signal("-KILL", targets);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (ProcessHandle victim : victims) {
            while (victim.isAlive()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("process " + victim.pid() + " survived SIGKILL");
                }
                Thread.sleep(5);
            }
        }
        process.waitFor();
        return victims.size();
    }

    private static void signal(String signal, List<String> targets) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", signal, "--"));
        command.addAll(targets);
        // exit status 1 when one of the targets was already gone (a backend that ended): the others got it
        new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start()
                .waitFor();
    }

    /** An orderly stop (SIGTERM): the application stops its workers and its PostgreSQL. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        Optional<ProcessHandle> postmaster = postmaster();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (postmaster.isPresent() && postmaster.get().isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
