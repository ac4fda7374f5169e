package id.pantau.es;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.core.config.Configurator;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.node.PantauNode;
import org.elasticsearch.plugins.ClasspathPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.transport.netty4.Netty4Plugin;

/**
 * Runs one embedded single-node Elasticsearch until SIGTERM.
 *
 * <p>Usage: {@code java -Xmx512m -cp 'es-lib/*' id.pantau.es.PantauElasticsearch
 * [settings.properties] [key=value ...]}. The file and the arguments are Elasticsearch
 * settings ({@code path.home}, {@code http.port}, ...); arguments win. The heap is the
 * JVM's own flags.
 */
public final class PantauElasticsearch {

    private static final List<Class<? extends Plugin>> PLUGINS = List.of(
        Netty4Plugin.class,
        RootPlugin.class,
        IndonesianAnalysisPlugin.class
    );

    private PantauElasticsearch() {}

    public static void main(String[] args) throws Exception {
        // Netty would otherwise set the available processors a second time and fail.
        System.setProperty("es.set.netty.runtime.available.processors", "false");
        Settings settings = settings(args);
        Path home = Path.of(settings.get("path.home"));
        for (String dir : List.of("config", "modules", "plugins")) {
            Files.createDirectories(home.resolve(dir));
        }
        LogConfigurator.configureWithoutConfig(settings);
        logToConsole();
        Environment environment = InternalSettingsPreparer.prepareEnvironment(
            settings,
            Map.of(),
            null,
            () -> settings.get("node.name", "pantau")
        );
        Node node = new PantauNode(environment, s -> new ClasspathPluginsService(s, environment, PLUGINS));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(node, stopped), "pantau-es-shutdown"));
        node.start();
        stopped.await();
    }

    /**
     * configureWithoutConfig leaves log4j with no appender (only errors reach stderr), so
     * apply the file named by {@code -Dlog4j2.configurationFile} on top of it.
     */
    private static void logToConsole() {
        String file = System.getProperty("log4j2.configurationFile");
        if (file != null) {
            Configurator.reconfigure(Path.of(file).toUri());
        }
    }

    static Settings settings(String[] args) throws IOException {
        Settings.Builder builder = Settings.builder()
            .put("cluster.name", "pantau")
            .put("node.name", "pantau")
            .put("discovery.type", "single-node")
            .put("network.host", "127.0.0.1")
            .put("http.port", "9200")
            .put("transport.port", "9300")
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put("action.destructive_requires_name", false);
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq > 0) {
                builder.put(arg.substring(0, eq), arg.substring(eq + 1));
            } else {
                builder.put(load(Path.of(arg)));
            }
        }
        Settings settings = builder.build();
        if (settings.get("path.home") == null) {
            throw new IllegalArgumentException("path.home is required (settings file or path.home=DIR)");
        }
        return settings;
    }

    private static Settings load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Settings.Builder builder = Settings.builder();
        properties.stringPropertyNames().forEach(key -> builder.put(key, properties.getProperty(key).trim()));
        return builder.build();
    }

    private static void stop(Node node, CountDownLatch stopped) {
        try {
            node.close();
            node.awaitClose(20, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            System.err.println("error while stopping Elasticsearch: " + e);
        } finally {
            stopped.countDown();
        }
    }
}
