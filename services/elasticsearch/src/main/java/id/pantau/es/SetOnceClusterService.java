package id.pantau.es;

import java.util.concurrent.atomic.AtomicReference;

import org.elasticsearch.cluster.service.ClusterService;

/** The cluster service, handed over after the REST handlers have been registered. */
final class SetOnceClusterService {

    private final AtomicReference<ClusterService> ref = new AtomicReference<>();

    void set(ClusterService clusterService) {
        if (ref.compareAndSet(null, clusterService) == false) {
            throw new IllegalStateException("cluster service already set");
        }
    }

    ClusterService get() {
        ClusterService service = ref.get();
        if (service == null) {
            throw new IllegalStateException("node not started yet");
        }
        return service;
    }
}
