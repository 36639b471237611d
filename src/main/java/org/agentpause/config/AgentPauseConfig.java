package org.agentpause.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The whole configuration, immutable and validated at load: defaults &lt; properties file &lt;
 * environment &lt; system properties. An invalid value stops the start with a message naming the key.
 *
 * @param configFile the file read, or null when none
 * @param http       the HTTP door
 * @param pbx        backend choice and member templates
 * @param ami        the AMI backend (used when {@code pbx.backend=ami})
 * @param agi        the FastAGI door and reason catalogue
 */
public record AgentPauseConfig(Path configFile, HttpSettings http, PbxSettings pbx, AmiSettings ami,
                               AgiSettings agi) {

    /** Read when no {@code --config} is given and the file exists (the repository's own). */
    public static final Path DEFAULT_FILE = Path.of("etc", "agent-pause.properties");

    /**
     * Loads from the given file (or the default one if present) and the overrides.
     *
     * @param file  explicit {@code --config} file, or null
     * @param env   the process environment
     * @param system the system properties
     */
    public static AgentPauseConfig load(Path file, Map<String, String> env, Properties system)
            throws ConfigException {
        Path chosen = file != null ? file : Files.isRegularFile(DEFAULT_FILE) ? DEFAULT_FILE : null;
        Properties props = new Properties();
        if (chosen != null) {
            try (InputStream in = Files.newInputStream(chosen)) {
                props.load(in);
            } catch (IOException e) {
                throw new ConfigException("cannot read config file " + chosen + ": " + e.getMessage(), e);
            }
        }
        return build(new ConfigSource(props, chosen == null ? "built-in defaults" : chosen.toString(),
                env, system), chosen);
    }

    /** Defaults only, for tests and embedding. */
    public static AgentPauseConfig defaults(Map<String, String> overrides) throws ConfigException {
        Properties p = new Properties();
        p.putAll(overrides);
        return build(new ConfigSource(p, "test overrides", Map.of(), new Properties()), null);
    }

    /** Every settings group reads its keys here; keys nobody read are then refused. */
    private static AgentPauseConfig build(ConfigSource c, Path chosen) throws ConfigException {
        PbxSettings pbx = PbxSettings.load(c);
        AgentPauseConfig config = new AgentPauseConfig(chosen, HttpSettings.load(c), pbx,
                AmiSettings.load(c, pbx.backend().equals("ami")), AgiSettings.load(c));
        c.rejectUnknownKeys();
        return config;
    }
}
