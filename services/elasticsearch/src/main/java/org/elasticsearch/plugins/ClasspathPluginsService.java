package org.elasticsearch.plugins;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.elasticsearch.Version;
import org.elasticsearch.action.admin.cluster.node.info.PluginsAndModules;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.jdk.ModuleQualifiedExportsService;

/**
 * Plugins instantiated from classes already on the classpath.
 *
 * <p>In {@code org.elasticsearch.plugins} to reach the package-private {@code loadPlugin}
 * and {@code LoadedPlugin}. The server runs in the unnamed module here, so there are no
 * module exports to wire: {@link #addServerExportsService} does nothing.
 */
public final class ClasspathPluginsService extends PluginsService {

    private final List<LoadedPlugin> loaded;
    private final PluginsAndModules info;

    public ClasspathPluginsService(
        Settings settings,
        Environment environment,
        Collection<Class<? extends Plugin>> pluginClasses
    ) {
        super(settings, environment.configFile(), environment.modulesFile(), environment.pluginsFile());
        List<LoadedPlugin> plugins = new ArrayList<>(super.plugins());
        List<PluginRuntimeInfo> infos = new ArrayList<>(super.info().getPluginInfos());
        for (Class<? extends Plugin> pluginClass : pluginClasses) {
            PluginDescriptor descriptor = new PluginDescriptor(
                pluginClass.getSimpleName(),
                "classpath plugin",
                Version.CURRENT.toString(),
                Version.CURRENT.toString(),
                Integer.toString(Runtime.version().feature()),
                pluginClass.getName(),
                null,
                List.of(),
                false,
                false,
                false,
                false
            );
            Plugin plugin = loadPlugin(pluginClass, settings, environment.configFile());
            plugins.add(new LoadedPlugin(descriptor, plugin));
            infos.add(new PluginRuntimeInfo(descriptor));
        }
        this.loaded = List.copyOf(plugins);
        this.info = new PluginsAndModules(infos, super.info().getModuleInfos());
    }

    @Override
    protected List<LoadedPlugin> plugins() {
        return loaded;
    }

    @Override
    public PluginsAndModules info() {
        return info;
    }

    @Override
    protected void addServerExportsService(Map<String, List<ModuleQualifiedExportsService>> exports) {
        // Nothing to export: everything shares the classpath's unnamed module.
    }
}
