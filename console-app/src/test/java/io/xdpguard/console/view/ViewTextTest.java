package io.xdpguard.console.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Lists and counts read as sentences, however many hosts or targets an incident touched. */
class ViewTextTest {
    @Test
    void listsUpToThreeThenCountsTheRest() {
        assertThat(ViewText.firstFew(List.of())).isEmpty();
        assertThat(ViewText.firstFew(List.of("a", "b", "c"))).isEqualTo("a, b, c");
        assertThat(ViewText.firstFew(List.of("198.18.0.1", "198.18.0.2", "198.18.0.3", "198.18.0.4", "198.18.0.5")))
                .isEqualTo("198.18.0.1, 198.18.0.2, 198.18.0.3 and 2 more");
    }

    @Test
    void countsInTheSingularForOne() {
        assertThat(ViewText.count(0, "host")).isEqualTo("0 hosts");
        assertThat(ViewText.count(1, "alert")).isEqualTo("1 alert");
        assertThat(ViewText.count(2, "more incident")).isEqualTo("2 more incidents");
    }
}
