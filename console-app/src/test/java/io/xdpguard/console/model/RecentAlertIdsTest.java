package io.xdpguard.console.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecentAlertIdsTest {

    @Test
    void aReplayIsKnownAndAnyOtherKeyIsNew() {
        RecentAlertIds ids = new RecentAlertIds(100);

        assertThat(ids.add("eu", "web-1", "web-1-abc-1.0")).isTrue();
        assertThat(ids.add("eu", "web-1", "web-1-abc-1.0")).isFalse();
        assertThat(ids.add("eu", "web-1", "web-1-abc-1.1")).isTrue();
        assertThat(ids.add("eu", "web-2", "web-1-abc-1.0")).isTrue();
        assertThat(ids.add("us", "web-1", "web-1-abc-1.0")).isTrue();
        // The same characters split differently between the fields are another key.
        assertThat(ids.add("ab", "c", "x")).isTrue();
        assertThat(ids.add("a", "bc", "x")).isTrue();
        assertThat(ids.add("a", "b", "cx")).isTrue();
        assertThat(ids.add("a", "bc", "x")).isFalse();
        assertThat(ids.size()).isEqualTo(7);
    }

    @Test
    void pastItsCapacityTheOldestAreForgotten() {
        RecentAlertIds ids = new RecentAlertIds(3);
        for (String id : List.of("1", "2", "3", "4")) {
            assertThat(ids.add("s", "h", id)).isTrue();
        }

        assertThat(ids.size()).isEqualTo(3);
        assertThat(ids.add("s", "h", "4")).isFalse();
        assertThat(ids.add("s", "h", "3")).isFalse();
        assertThat(ids.add("s", "h", "2")).isFalse();
        assertThat(ids.add("s", "h", "1")).as("the oldest, forgotten: new again").isTrue();
    }

    @Test
    void longKeysAreBoundedByTheirCharactersToo() {
        // 10 keys of 64 characters on average fit; keys of 133 characters (a 128-character id) only 4 at a time.
        RecentAlertIds ids = new RecentAlertIds(10);
        List<String> longIds = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            String id = String.valueOf((char) ('a' + k)).repeat(128);
            longIds.add(id);
            assertThat(ids.add("s", "h", id)).isTrue();
        }

        assertThat(ids.size()).isEqualTo(4);
        for (String id : longIds.subList(2, 6)) {
            assertThat(ids.add("s", "h", id)).as("one of the newest four").isFalse();
        }
        assertThat(ids.add("s", "h", longIds.get(0))).isTrue();
    }

    @Test
    void behavesLikeABoundedInsertionOrderedSet() {
        // Few distinct keys against a small capacity: keys are forgotten and come back all the time, wrapping the
        // ring and the characters many times and deleting from the middle of probe runs.
        compareWithASet(50, 3, 5, 30, 200_000);
    }

    @Test
    void growsToItsCapacityKeepingWhatItRemembers() {
        // Starts smaller than 3,000 keys and doubles on the way (keeping every key in order), then forgets.
        compareWithASet(3_000, 4, 50, 60, 60_000);
    }

    private static void compareWithASet(int capacity, int sites, int hosts, int idsPerHost, int operations) {
        Random random = new Random(7);
        RecentAlertIds ids = new RecentAlertIds(capacity);
        LinkedHashSet<List<String>> expected = new LinkedHashSet<>();
        long chars = 0;
        for (int op = 0; op < operations; op++) {
            String site = "s" + random.nextInt(sites);
            String host = "h" + random.nextInt(hosts);
            String id = "i".repeat(random.nextInt(40)) + random.nextInt(idsPerHost);
            List<String> key = List.of(site, host, id);
            boolean isNew = expected.add(key);
            if (isNew) {
                chars += length(key);
            }
            // The same bounds as the class: the count, and 64 characters per key; the oldest forgotten first.
            while (expected.size() > capacity || chars > capacity * 64L) {
                chars -= length(expected.removeFirst());
            }

            assertThat(ids.add(site, host, id)).as("operation %d, %s", op, key).isEqualTo(isNew);
            assertThat(ids.size()).isEqualTo(expected.size());
        }
    }

    /** Each field with its length. */
    private static int length(List<String> key) {
        return key.stream().mapToInt(String::length).sum() + key.size();
    }
}
