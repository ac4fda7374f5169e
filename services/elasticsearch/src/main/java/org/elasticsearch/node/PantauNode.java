package org.elasticsearch.node;

import java.util.function.Function;

import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.PluginsService;

/**
 * An embedded node whose plugins come from the classpath, not from modules/ and plugins/.
 *
 * <p>Lives in {@code org.elasticsearch.node} because {@link NodeConstruction} and
 * {@link NodeServiceProvider} are package-private. Their signatures are those of 8.17.x.
 */
public final class PantauNode extends Node {

    public PantauNode(Environment environment, Function<Settings, PluginsService> pluginsService) {
        super(NodeConstruction.prepareConstruction(environment, new NodeServiceProvider() {
            @Override
            PluginsService newPluginService(Environment env, Settings settings) {
                return pluginsService.apply(settings);
            }
        }, true));
    }
}
