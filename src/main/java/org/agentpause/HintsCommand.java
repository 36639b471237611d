package org.agentpause;

import java.io.PrintStream;
import java.nio.file.Path;
import org.agentpause.agi.BlfHints;
import org.agentpause.config.AgentPauseConfig;
import org.agentpause.config.ConfigException;
import org.agentpause.pbx.PbxUnavailableException;
import org.agentpause.pbx.QueueBackend;

/** The {@code hints} command of the jar: BLF hint lines for every agent, read from the configured backend. */
final class HintsCommand {

    private HintsCommand() {
    }

    /** {@code hints [--config FILE]}: prints BLF hint lines for every agent in the live membership. */
    static int run(String[] args, PrintStream out) {
        if (args.length != 0 && !(args.length == 2 && args[0].equals("--config"))) {
            System.err.println("usage: java -jar agent-pause.jar hints [--config FILE]");
            return 2;
        }
        try (QueueBackend backend = Main.newBackend(AgentPauseConfig.load(args.length == 2 ? Path.of(args[1]) : null,
                System.getenv(), System.getProperties()))) {
            backend.start();
            if (!backend.health().up()) {
                // The AMI backend starts without throwing (it keeps retrying); hints need a loaded view.
                throw new PbxUnavailableException(backend.health().detail());
            }
            BlfHints.render(backend.view()).forEach(out::println);
            out.flush();
            return 0;
        } catch (ConfigException e) {
            System.err.println("agent-pause: configuration error: " + e.getMessage());
            return 2;
        } catch (PbxUnavailableException e) {
            System.err.println("agent-pause: cannot read the queue membership: " + e.getMessage());
            return 1;
        }
    }
}
