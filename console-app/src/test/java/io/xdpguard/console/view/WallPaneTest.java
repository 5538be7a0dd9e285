package io.xdpguard.console.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.xdpguard.console.model.HostKey;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Region;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Opening a wall of hundreds of hosts: the first row of tiles is there in the first frame, and the rest of the screen
 * fills a row per frame, from the top, instead of one frame that makes every tile in view (a TilesFX tile is costly
 * to make, the first ones most: that frame took 280-600 ms in the load benchmark).
 */
class WallPaneTest {
    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void theTilesInViewAreMadeARowPerFrameFromTheTop() throws Exception {
        List<HostKey> hosts = IntStream.range(0, 200).mapToObj(i -> new HostKey("lab", "h%03d".formatted(i))).toList();
        List<HostKey> made = new ArrayList<>();
        WallPane wall = new WallPane(key -> {
            made.add(key);
            return new Region();
        });
        ScrollPane scroll = new ScrollPane(wall);
        scroll.setFitToWidth(true);
        wall.viewedThrough(scroll);
        List<Integer> madeAfterEachFrame = WaitForAsyncUtils.asyncFx(() -> {
            new Scene(scroll, 1000, 640);
            wall.order(hosts);
            List<Integer> counts = new ArrayList<>();
            for (int frame = 0; frame < 20 && (frame == 0 || wall.waiting()); frame++) {
                wall.requestLayout();
                scroll.applyCss();
                scroll.layout();
                counts.add(made.size());
            }
            return counts;
        }).get();

        // 1000 px wide: four tiles of 230 px (and their gaps) a row; 640 px high: five rows at least partly in view.
        assertThat(madeAfterEachFrame).containsExactly(4, 8, 12, 16, 20);
        assertThat(made).containsExactlyElementsOf(hosts.subList(0, 20));
        assertThat(wall.waiting()).isFalse();
        assertThat(WaitForAsyncUtils.asyncFx(() -> wall.getChildren().size()).get()).isEqualTo(20);
    }
}
