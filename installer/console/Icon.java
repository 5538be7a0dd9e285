import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/**
 * Draws the console's icon (a shield with a pulse line) at build time: `java Icon.java out.png [size]`.
 * Drawn rather than checked in as a binary, so the build needs no downloads and no image tools.
 */
public class Icon {
    public static void main(String[] args) throws Exception {
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        var img = new BufferedImage(n, n, BufferedImage.TYPE_INT_ARGB);
        var g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.scale(n / 256.0, n / 256.0);
        g.setPaint(new GradientPaint(0, 0, new Color(0x1f2a44), 0, 256, new Color(0x0b1020)));
        g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 48, 48));
        var shield = new Path2D.Double();
        shield.moveTo(128, 36);
        shield.lineTo(200, 64);
        shield.curveTo(200, 140, 176, 190, 128, 222);
        shield.curveTo(80, 190, 56, 140, 56, 64);
        shield.closePath();
        g.setPaint(new GradientPaint(0, 36, new Color(0x2bb673), 0, 222, new Color(0x147a4a)));
        g.fill(shield);
        var pulse = new Path2D.Double();
        pulse.moveTo(62, 128);
        pulse.lineTo(100, 128);
        pulse.lineTo(114, 88);
        pulse.lineTo(134, 168);
        pulse.lineTo(148, 118);
        pulse.lineTo(194, 118);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(12, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(pulse);
        g.dispose();
        ImageIO.write(img, "png", new File(args[0]));
    }
}
