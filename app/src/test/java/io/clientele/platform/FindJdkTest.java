package io.clientele.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's JDK search ({@code bin/find-jdk}): a JDK 21+ is found, an older one is refused with advice. */
class FindJdkTest {
    private static final Path SCRIPT =
            Path.of("../bin/find-jdk").toAbsolutePath().normalize();

    @TempDir
    Path temp;

    record Result(int exit, String out, String err) {}

    private Result run(Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return new Result(process.waitFor(), out, err);
    }

    /** A fake JDK whose java reports the given major version. */
    private Path fakeJdk(String name, int major) throws IOException {
        Path bin = Files.createDirectories(temp.resolve("jvms").resolve(name).resolve("bin"));
        Path java = Files.writeString(
                bin.resolve("java"),
                "#!/bin/sh\n[ \"$1\" = -XshowSettings:properties ] && echo '    java.specification.version = " + major
                        + "' >&2\necho 'openjdk version \"" + major + "\"' >&2\n");
        Path javac = Files.writeString(bin.resolve("javac"), "#!/bin/sh\n");
        java.toFile().setExecutable(true);
        javac.toFile().setExecutable(true);
        return bin.getParent();
    }

    @Test
    void picksTheNewestJdkAtLeast21WhenJavaHomeIsOlder() throws Exception {
        Path old = fakeJdk("jdk-17", 17);
        fakeJdk("jdk-21", 21);
        Path newest = fakeJdk("jdk-25", 25);
        Result result = run(Map.of(
                "PATH", "/usr/bin:/bin",
                "HOME", temp.toString(),
                "JAVA_HOME", old.toString(),
                "CLIENTELE_JDK_SEARCH_PATH", temp.resolve("jvms").toString()));
        assertThat(result.exit()).isZero();
        assertThat(result.out()).isEqualTo(newest.toString());
    }

    @Test
    void keepsJavaHomeWhenItIsRecentEnough() throws Exception {
        Path jdk21 = fakeJdk("jdk-21", 21);
        fakeJdk("jdk-25", 25);
        Result result = run(Map.of(
                "PATH", "/usr/bin:/bin",
                "HOME", temp.toString(),
                "JAVA_HOME", jdk21.toString(),
                "CLIENTELE_JDK_SEARCH_PATH", temp.resolve("jvms").toString()));
        assertThat(result.out()).isEqualTo(jdk21.toString());
    }

    @Test
    void withOnlyAnOldJdkItSaysWhatToInstall() throws Exception {
        Path old = fakeJdk("jdk-17", 17);
        Result result = run(Map.of(
                "PATH", old.resolve("bin") + ":/usr/bin:/bin",
                "HOME", temp.toString(),
                "JAVA_HOME", old.toString(),
                "CLIENTELE_JDK_SEARCH_PATH", temp.resolve("jvms").toString()));
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err())
                .contains("Clientele needs a JDK 21 or newer (found: openjdk version \"17\")")
                .contains("apt-get install openjdk-21-jdk")
                .contains("JAVA_HOME");
    }
}
