package io.licensesatellite.usage.pull;

import java.util.List;

/** What one run over the due devices did: how many were pulled and how each ended. */
public record PullSummary(int devices, int ok, int failed, int reportsStored, int acksImported, List<PullOutcome> outcomes) {

    static PullSummary of(List<PullOutcome> outcomes) {
        int ok = (int) outcomes.stream().filter(o -> o.result() == PullResult.OK).count();
        return new PullSummary(outcomes.size(), ok, outcomes.size() - ok,
                outcomes.stream().mapToInt(PullOutcome::reportsStored).sum(),
                outcomes.stream().mapToInt(PullOutcome::acksImported).sum(), outcomes);
    }
}
