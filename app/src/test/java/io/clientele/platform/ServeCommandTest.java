package io.clientele.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.Clientele;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad start-up input ends with one clear message and exit code 2, before anything is started. */
class ServeCommandTest {
    @TempDir
    Path temp;

    private final StringWriter err = new StringWriter();

    private int serve(String... args) {
        CommandLine commandLine = Clientele.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "serve";
        System.arraycopy(args, 0, all, 1, args.length);
        return commandLine.execute(all);
    }

    @Test
    void aPortInUseIsNamed() throws Exception {
        try (ServerSocket busy = new ServerSocket(0)) {
            int exit = serve("--port", String.valueOf(busy.getLocalPort()), "--data-dir", temp.toString());
            assertThat(exit).isEqualTo(Clientele.EXIT_STARTUP);
            assertThat(err.toString())
                    .startsWith("clientele: Port " + busy.getLocalPort() + " is already in use")
                    .contains("--port")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void aDataDirectoryThatIsNotWritableIsNamed() throws Exception {
        Path file = Files.writeString(temp.resolve("occupied"), "not a folder");
        int exit = serve("--port", "0", "--data-dir", file.resolve("data").toString());
        assertThat(exit).isEqualTo(Clientele.EXIT_STARTUP);
        assertThat(err.toString()).contains("is not writable").doesNotContain("Exception");
    }

    @Test
    void anImpossiblePortIsRefused() {
        assertThat(serve("--port", "70000")).isEqualTo(Clientele.EXIT_STARTUP);
        assertThat(err.toString()).contains("--port must be between 0 (any free port) and 65535");
    }
}
