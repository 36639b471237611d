package org.agentpause.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Layered settings lookup: built-in default &lt; config file &lt; environment
 * ({@code AGENT_PAUSE_HTTP_PORT} for {@code http.port}) &lt; system property ({@code -Dhttp.port=}).
 * It remembers every key read, so a misspelt key in the file is an error rather than ignored.
 */
public final class ConfigSource {

    private final Properties file;
    private final String fileName;
    private final Map<String, String> env;
    private final Properties system;
    private final Set<String> known = new HashSet<>();
    private final Set<String> knownPrefixes = new HashSet<>();

    public ConfigSource(Properties file, String fileName, Map<String, String> env, Properties system) {
        this.file = file;
        this.fileName = fileName;
        this.env = env;
        this.system = system;
    }

    /** {@code http.port} → {@code AGENT_PAUSE_HTTP_PORT}. */
    public static String envName(String key) {
        return "AGENT_PAUSE_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The raw value with its source, or {@code null} when no layer sets it. */
    private Value raw(String key) {
        known.add(key);
        String v = system.getProperty(key);
        if (v != null) {
            return new Value(v, "system property -D" + key);
        }
        v = env.get(envName(key));
        if (v != null) {
            return new Value(v, "environment " + envName(key));
        }
        v = file.getProperty(key);
        if (v != null) {
            return new Value(v.strip(), fileName);
        }
        return null;
    }

    private record Value(String text, String source) {
    }

    public String string(String key, String def) {
        Value v = raw(key);
        return v == null ? def : v.text();
    }

    public int integer(String key, int def, int min, int max, String unit) throws ConfigException {
        Value v = raw(key);
        if (v == null) {
            return def;
        }
        try {
            int n = Integer.parseInt(v.text().trim());
            if (n < min || n > max) {
                throw new ConfigException(fail(key, v, "must be between " + min + " and " + max + " (" + unit + "), not " + n));
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(fail(key, v, "must be a whole number (" + unit + "), not '"
                    + v.text() + "'"));
        }
    }

    public boolean bool(String key, boolean def) throws ConfigException {
        Value v = raw(key);
        if (v == null) {
            return def;
        }
        return switch (v.text().trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(fail(key, v, "must be true or false"));
        };
    }

    /**
     * An address to listen on: an IP literal, or a host name that resolves now. Checked at load,
     * because a bind to an unknown name would otherwise fail later with no message at all.
     */
    public String bindAddress(String key, String def) throws ConfigException {
        Value v = raw(key);
        if (v == null) {
            return def;
        }
        String host = v.text().strip();
        if (host.isEmpty()) {
            throw new ConfigException(fail(key, v, "must be an address to listen on, e.g. 127.0.0.1 or 0.0.0.0"));
        }
        try {
            InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new ConfigException(fail(key, v, "names '" + host + "', which is neither an IP address nor"
                    + " a host name that resolves; use an address of this machine, e.g. 127.0.0.1"));
        }
        return host;
    }

    /** A comma-separated list; blanks around items are dropped, empty items are skipped. */
    public List<String> list(String key, String def) {
        String text = string(key, def);
        List<String> out = new ArrayList<>();
        for (String item : text.split(",")) {
            if (!item.isBlank()) {
                out.add(item.strip());
            }
        }
        return out;
    }

    /** Every {@code prefix<name>=value} from the file and system properties, keyed by name. */
    public Map<String, String> withPrefix(String prefix) {
        knownPrefixes.add(prefix);
        Map<String, String> out = new TreeMap<>();
        file.stringPropertyNames().stream().filter(k -> k.startsWith(prefix))
                .forEach(k -> out.put(k.substring(prefix.length()), file.getProperty(k).strip()));
        String envPrefix = envName(prefix);
        env.forEach((k, v) -> {
            if (k.startsWith(envPrefix)) {
                out.put(k.substring(envPrefix.length()).toLowerCase(Locale.ROOT), v);
            }
        });
        system.stringPropertyNames().stream().filter(k -> k.startsWith(prefix))
                .forEach(k -> out.put(k.substring(prefix.length()), system.getProperty(k)));
        return out;
    }

    /** An error message for a value that is wrong: names the key, the value's source and the rule. */
    public String fail(String key, String rule) {
        Value v = raw(key);
        return v == null ? key + " " + rule : fail(key, v, rule);
    }

    private static String fail(String key, Value v, String rule) {
        return key + " (from " + v.source() + ") " + rule;
    }

    /** Refuses keys in the file that nothing reads, so a typo is not silently ignored. */
    public void rejectUnknownKeys() throws ConfigException {
        for (String k : new TreeMap<>(file).keySet().stream().map(Object::toString).toList()) {
            if (!known.contains(k) && knownPrefixes.stream().noneMatch(k::startsWith)) {
                throw new ConfigException("unknown setting '" + k + "' in " + fileName
                        + "; see README.md (Configuration) for the valid keys");
            }
        }
    }
}
