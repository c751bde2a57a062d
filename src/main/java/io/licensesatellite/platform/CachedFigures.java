package io.licensesatellite.platform;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** Makes {@link CachedFigure}s that share one background thread and the configured maximum age. */
@ApplicationScoped
public class CachedFigures {
    private final ListConfig config;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cached-figures");
        t.setDaemon(true);
        return t;
    });

    public CachedFigures(ListConfig config) {
        this.config = config;
    }

    public <T> CachedFigure<T> of(Supplier<T> compute) {
        return new CachedFigure<>(compute, config.totalsMaxAge(), background);
    }

    public int maxCountedMatches() {
        return config.maxCountedMatches();
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }
}
