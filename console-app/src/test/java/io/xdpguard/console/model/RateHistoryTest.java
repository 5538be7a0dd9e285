package io.xdpguard.console.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A host's chart shows its last ten minutes, oldest first, however long it has been watched. */
class RateHistoryTest {
    @Test
    void keepsTheLastSamplesInOrderWhileGrowingAndOnceFull() {
        int capacity = 600;
        RateHistory history = new RateHistory(capacity);
        List<RateSample> added = new ArrayList<>();
        for (int s = 0; s < 2_000; s++) {
            RateSample sample = new RateSample(1_000L * s, s, 2L * s, 3L * s, 4L * s);
            history.add(sample);
            added.add(sample);
            if (s % 37 == 0 || s < 130 || s > 1_990) {
                assertThat(history.snapshot()).as("after %d samples", s + 1)
                        .containsExactlyElementsOf(added.subList(Math.max(0, added.size() - capacity), added.size()));
            }
        }
    }

    @Test
    void aSmallRingIsFullSizeAtOnce() {
        RateHistory history = new RateHistory(3);
        for (int s = 0; s < 5; s++) {
            history.add(new RateSample(s, s, s, s, s));
        }
        assertThat(history.snapshot()).extracting(RateSample::at).containsExactly(2L, 3L, 4L);
    }
}
